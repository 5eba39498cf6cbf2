#include "hpcpp/params/assignment_file.hpp"

#include <fmt/core.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/utf8.hpp"

namespace hpcpp::params {
namespace {

std::string trim(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

void parse_statements(const std::string& line, const std::string& where, std::vector<Assignment>& out) {
  std::string code = line.substr(0, line.find('#'));
  std::size_t start = 0;
  while (start <= code.size()) {
    std::size_t stop = code.find(';', start);
    if (stop == std::string::npos) stop = code.size();
    const std::string statement = trim(std::string_view(code).substr(start, stop - start));
    if (!statement.empty()) out.push_back(parse_assignment(statement, where));
    start = stop + 1;
  }
}

}  // namespace

Assignment parse_assignment(const std::string& text, const std::string& origin) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos)
    throw Error(fmt::format("{}: expected 'name = value', got {}", origin, python_repr(text)));
  Assignment a{trim(std::string_view(text).substr(0, eq)), trim(std::string_view(text).substr(eq + 1)), origin};
  if (!is_identifier(a.name))
    throw Error(fmt::format("{}: {} is not a parameter name (expected 'name = value')", origin, python_repr(a.name)));
  if (a.value.empty()) throw Error(fmt::format("{}: key '{}': no value after '='", origin, a.name));
  return a;
}

std::vector<Assignment> read_assignments(const std::filesystem::path& file) {
  const std::string name = printable(file.string());
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw Error(fmt::format("{}: is a directory, not a parameter file", name));
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open: {}", name, std::strerror(errno)));
  return read_assignments(in, file.string());
}

std::vector<Assignment> read_assignments(std::istream& in, std::string_view file_name) {
  const std::string name = printable(file_name);
  // Python reads a source file that starts with a UTF-8 byte order mark as if it did not.
  constexpr std::string_view byte_order_mark = "\xef\xbb\xbf";
  std::string start(byte_order_mark.size(), '\0');
  in.read(start.data(), static_cast<std::streamsize>(start.size()));
  if (start.substr(0, static_cast<std::size_t>(in.gcount())) != byte_order_mark) {
    in.clear();
    in.seekg(0);
  }

  std::vector<Assignment> assignments;
  std::string line;
  std::size_t line_number = 1;
  char c;
  auto finish_line = [&] {
    const std::string where = fmt::format("{}:{}", name, line_number);
    if (!is_valid_utf8(line)) throw Error(fmt::format("{}: not a text file (invalid UTF-8)", where));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    parse_statements(line, where, assignments);
    line.clear();
    ++line_number;
  };
  while (in.get(c)) {
    if (c == '\n') {
      finish_line();
      continue;
    }
    if (c == '\0') throw Error(fmt::format("{}:{}: not a text file (NUL byte)", name, line_number));
    if (line.size() >= max_line_bytes)
      throw Error(fmt::format("{}:{}: line longer than {} bytes", name, line_number, max_line_bytes));
    line += c;
  }
  if (in.bad()) throw Error(fmt::format("{}: read error: {}", name, std::strerror(errno)));
  if (!line.empty()) finish_line();
  return assignments;
}

}  // namespace hpcpp::params
