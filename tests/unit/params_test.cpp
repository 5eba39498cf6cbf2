#include "hpcpp/params/diff2d_params.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "hpcpp/core/error.hpp"
#include "hpcpp/params/assignment_file.hpp"
#include "hpcpp/params/python_literal.hpp"
#include "temp_file.hpp"

using hpcpp::params::load_diff2d_params;
using hpcpp::testing::TempFile;

namespace {

const std::string lecture_defaults =
    "D          = 1.0;\n"
    "x1         = -10.0;\n"
    "x2         = 10.0;\n"
    "runtime    = 15.0;\n"
    "dx         = 0.0667;\n"
    "outtime    = 0.5;\n"
    "graphics   = False;\n";

// The error message load_diff2d_params gives for `content` (empty if it loads).
std::string error_for(const std::string& content, const std::vector<std::string>& overrides = {}) {
  TempFile file(content);
  try {
    load_diff2d_params(file.path(), overrides);
  } catch (const hpcpp::Error& e) {
    std::string message = e.what();
    for (auto at = message.find(file.name()); at != std::string::npos; at = message.find(file.name()))
      message.replace(at, file.name().size(), "FILE");
    return message;
  }
  return "";
}

std::string replace_line(const std::string& key, const std::string& line) {
  std::string out;
  std::size_t start = 0;
  while (start < lecture_defaults.size()) {
    const std::size_t end = lecture_defaults.find('\n', start);
    const std::string current = lecture_defaults.substr(start, end - start);
    out += (current.rfind(key + " ", 0) == 0 ? line : current) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST(Diff2dParams, ReadsTheLectureFile) {
  TempFile file(lecture_defaults);
  const auto p = load_diff2d_params(file.path());
  EXPECT_EQ(p.D, 1.0);
  EXPECT_EQ(p.x1, -10.0);
  EXPECT_EQ(p.x2, 10.0);
  EXPECT_EQ(p.runtime, 15.0);
  EXPECT_EQ(p.dx, 0.0667);
  EXPECT_EQ(p.outtime, 0.5);
  EXPECT_FALSE(p.graphics);
}

TEST(Diff2dParams, AcceptsCommentsBlankLinesAndPythonLiterals) {
  TempFile file("# lecture parameters\n\nD = 2   # diffusion constant\nx1=-1e1;x2 = 1_0.0\r\n"
                "runtime = .5\ndx = 5.\nouttime = 1E-1\ngraphics = True\n");
  const auto p = load_diff2d_params(file.path());
  EXPECT_EQ(p.D, 2.0);
  EXPECT_EQ(p.x1, -10.0);
  EXPECT_EQ(p.x2, 10.0);
  EXPECT_EQ(p.runtime, 0.5);
  EXPECT_EQ(p.dx, 5.0);
  EXPECT_EQ(p.outtime, 0.1);
  EXPECT_TRUE(p.graphics);
}

TEST(Diff2dParams, CommandLineOverridesWin) {
  TempFile file(lecture_defaults);
  const auto p = load_diff2d_params(file.path(), {"dx=0.1", "graphics = True"});
  EXPECT_EQ(p.dx, 0.1);
  EXPECT_TRUE(p.graphics);
}

TEST(Diff2dParams, MissingKey) {
  EXPECT_EQ(error_for(replace_line("outtime", "")), "FILE: missing key 'outtime'");
}

TEST(Diff2dParams, UnknownKeyNamesTheClosest) {
  EXPECT_EQ(error_for(lecture_defaults + "runtim = 3\n"), "FILE:8: unknown key 'runtim' (did you mean 'runtime'?)");
  EXPECT_EQ(error_for(lecture_defaults, {"dxx=0.1"}), "--set dxx=0.1: unknown key 'dxx' (did you mean 'dx'?)");
}

TEST(Diff2dParams, ValueThatIsNotANumber) {
  EXPECT_EQ(error_for(replace_line("dx", "dx = 0.1x")), "FILE:5: key 'dx': value '0.1x' is not a number");
  EXPECT_EQ(error_for(replace_line("D", "D = __import__('os').system('true')")),
            "FILE:1: key 'D': value \"__import__('os').system('true')\" is not a number");
  EXPECT_EQ(error_for(replace_line("x1", "x1 = 20.0/3")), "FILE:2: key 'x1': value '20.0/3' is not a number");
  EXPECT_EQ(error_for(replace_line("dx", "dx = 1e999")),
            "FILE:5: key 'dx': value '1e999' is not finite (Python reads it as inf)");
  EXPECT_EQ(error_for(replace_line("dx", "dx = 0x1" + std::string(300, '0'))),
            "FILE:5: key 'dx': value '0x1" + std::string(300, '0') + "' is not finite (an int too large for a float)");
  EXPECT_EQ(error_for(replace_line("dx", "dx = 007")), "FILE:5: key 'dx': value '007' is not a number");
  EXPECT_EQ(error_for(replace_line("graphics", "graphics = maybe")),
            "FILE:7: key 'graphics': value 'maybe' is not True or False");
}

TEST(Diff2dParams, OutOfRangeValues) {
  EXPECT_EQ(error_for(replace_line("dx", "dx = 0")), "FILE:5: key 'dx': must be > 0 (got 0.0)");
  EXPECT_EQ(error_for(replace_line("dx", "dx = -0.1")), "FILE:5: key 'dx': must be > 0 (got -0.1)");
  EXPECT_EQ(error_for(replace_line("dx", "dx = 25.0")),
            "FILE:5: key 'dx': 25.0 is larger than x2 - x1 = 20.0: the grid has no interior point (nrows = 0)");
  EXPECT_EQ(error_for(replace_line("x2", "x2 = -10.0")), "FILE:3: key 'x2': must be greater than x1 = -10.0 (got -10.0)");
  EXPECT_EQ(error_for(replace_line("D", "D = 0.0")), "FILE:1: key 'D': must be > 0 (got 0.0)");
  EXPECT_EQ(error_for(replace_line("runtime", "runtime = -1")), "FILE:4: key 'runtime': must be >= 0 (got -1.0)");
  EXPECT_NE(error_for(replace_line("dx", "dx = 1e-9")).find("too large"), std::string::npos);
}

TEST(Diff2dParams, DuplicateKey) {
  EXPECT_EQ(error_for(lecture_defaults + "dx = 0.2\n"), "FILE:8: key 'dx' is set twice (first at FILE:5)");
}

TEST(Diff2dParams, StatementsThatAreNotAssignments) {
  EXPECT_EQ(error_for("import os\n" + lecture_defaults), "FILE:1: expected 'name = value', got 'import os'");
  EXPECT_EQ(error_for("os.system('x') = 1\n" + lecture_defaults),
            "FILE:1: \"os.system('x')\" is not a parameter name (expected 'name = value')");
}

TEST(Diff2dParams, UnreadableFiles) {
  EXPECT_THROW(load_diff2d_params("/nonexistent/diff2dparams.py"), hpcpp::Error);
  try {
    load_diff2d_params("/nonexistent/diff2dparams.py");
  } catch (const hpcpp::Error& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/diff2dparams.py: cannot open: No such file or directory");
  }
  try {
    load_diff2d_params("/tmp");
    FAIL() << "a directory was accepted";
  } catch (const hpcpp::Error& e) {
    EXPECT_EQ(std::string(e.what()), "/tmp: is a directory, not a parameter file");
  }
}

TEST(Diff2dParams, BinaryGarbage) {
  EXPECT_EQ(error_for(std::string("D = 1.0\n\x7f" "ELF\x02\x01\x01\0\0\0", 17)), "FILE:2: not a text file (NUL byte)");
  EXPECT_EQ(error_for("D = 1.0\nx1 = \xff\xfe\n"), "FILE:2: not a text file (invalid UTF-8)");
}

TEST(Diff2dParams, HugeLineIsRefusedWithoutReadingItAll) {
  const std::string huge(hpcpp::params::max_line_bytes + 10, '1');
  EXPECT_EQ(error_for("D = 1.0\ndx = " + huge + "\n"), "FILE:2: line longer than 65536 bytes");
}

TEST(PythonLiteral, NumbersAsPythonReadsThem) {
  const auto value = [](std::string_view text) -> std::optional<double> {
    const auto number = hpcpp::params::parse_python_number(text);
    return number ? std::optional(number->value) : std::nullopt;
  };
  EXPECT_EQ(value("0.0667"), 0.0667);
  EXPECT_EQ(value("-10"), -10.0);
  EXPECT_EQ(value("+.5e1"), 5.0);
  EXPECT_EQ(value("1_000.000_1"), 1000.0001);
  EXPECT_EQ(value("0x10"), 16.0);
  EXPECT_EQ(value("0o17"), 15.0);
  EXPECT_EQ(value("0b101"), 5.0);
  EXPECT_EQ(value("0X_f_f"), 255.0);
  EXPECT_EQ(value("- (1_0)"), -10.0);
  EXPECT_EQ(value("1e-400"), 0.0);
  EXPECT_EQ(value("007.5"), 7.5);
  EXPECT_EQ(value("00"), 0.0);
  EXPECT_FALSE(std::signbit(*value("-0")));  // -0 is the int 0
  EXPECT_TRUE(std::signbit(*value("-0.0")));
  EXPECT_EQ(value("1e999"), HUGE_VAL);
  for (const char* rejected : {"1__0", "_1", "1_", "1e", ".", "nan", "inf", "007", "0x", "0b2", "0o8", "1j", "--1",
                               "-(-1)", "1_.5", "1._5", "1e_5", "0x__1", "True", "(1", "1 2", ""})
    EXPECT_FALSE(value(rejected)) << rejected;
}

TEST(Diff2dParams, ByteOrderMarkAtTheStartIsSkipped) {
  EXPECT_EQ(error_for("\xef\xbb\xbf" + lecture_defaults), "");
  EXPECT_EQ(error_for("\xef\xbb\xbf" + replace_line("dx", "dx = 1\xef\xbb\xbf")),
            "FILE:5: key 'dx': value '1\\ufeff' is not a number");
}

TEST(Diff2dParams, ControlCharactersInTheFileAreEscapedInErrors) {
  EXPECT_EQ(error_for(replace_line("dx", "dx = 0.1\x1b[2J\r")), "FILE:5: key 'dx': value '0.1\\x1b[2J' is not a number");
  EXPECT_EQ(error_for(replace_line("dx", "d\x1bx = 1")),
            "FILE:5: 'd\\x1bx' is not a parameter name (expected 'name = value')");
  EXPECT_EQ(error_for(lecture_defaults, {"dx=\x07"}), "--set dx=\\x07: key 'dx': value '\\x07' is not a number");
}

TEST(Diff2dParams, ValuesByNameGetTheFilesChecks) {
  using hpcpp::params::diff2d_params_from_values;
  std::vector<std::pair<std::string, std::string>> values{{"D", "1.0"},     {"x1", "-10.0"},   {"x2", "10.0"},
                                                          {"runtime", "15.0"}, {"dx", "0.0667"}, {"outtime", "0.5"},
                                                          {"graphics", "False"}};
  const auto p = diff2d_params_from_values(values, "params");
  EXPECT_EQ(p.dx, 0.0667);
  EXPECT_FALSE(p.graphics);
  auto message = [&](std::vector<std::pair<std::string, std::string>> v) {
    try {
      diff2d_params_from_values(v, "params");
    } catch (const hpcpp::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  auto with = [&](const std::string& key, const std::string& value) {
    auto v = values;
    for (auto& [k, text] : v)
      if (k == key) text = value;
    return v;
  };
  EXPECT_EQ(message(with("dx", "-1.0")), "params['dx']: key 'dx': must be > 0 (got -1.0)");
  EXPECT_EQ(message(with("graphics", "maybe")), "params['graphics']: key 'graphics': value 'maybe' is not True or False");
  EXPECT_EQ(message(with("D", "'a'")), "params['D']: key 'D': value ''a'' is not a number");
  EXPECT_EQ(message({{"D", "1.0"}}), "params: missing key 'x1'");
  EXPECT_EQ(message({{"runtme", "1.0"}}), "params['runtme']: unknown key 'runtme' (did you mean 'runtime'?)");
}
