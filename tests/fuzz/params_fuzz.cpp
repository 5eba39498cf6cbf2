// libFuzzer target: any bytes as a diff2d parameter file, each value as a number literal,
// and the text through the escaping every error message uses. Errors must be
// hpcpp::Errors; escaped text must hold no control character and be valid UTF-8.
#include <cstdint>
#include <sstream>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/utf8.hpp"
#include "hpcpp/params/assignment_file.hpp"
#include "hpcpp/params/diff2d_params.hpp"
#include "hpcpp/params/python_literal.hpp"

namespace {

void check_printable(const std::string& text) {
  if (!hpcpp::is_valid_utf8(text)) __builtin_trap();
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  check_printable(hpcpp::python_repr(text));
  check_printable(hpcpp::printable(text));
  hpcpp::params::parse_python_number(text);
  try {
    std::istringstream in(text);
    for (const auto& a : hpcpp::params::read_assignments(in, "fuzz.py")) {
      hpcpp::params::parse_python_number(a.value);
      hpcpp::params::parse_python_bool(a.value);
    }
  } catch (const hpcpp::Error& e) {
    check_printable(e.what());
  }
  try {
    std::istringstream in(text);
    hpcpp::params::load_diff2d_params(in, "fuzz.py");
  } catch (const hpcpp::Error& e) {
    check_printable(e.what());
  }
  return 0;
}
