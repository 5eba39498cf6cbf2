#pragma once
#include <optional>
#include <string_view>

namespace hpcpp::params {

struct PythonNumber {
  double value;  // as float() makes it: 1e-400 is 0.0, 1e999 is inf, and so is an int past 2**1024
  bool is_int;
};

// An int or float literal as ast.literal_eval reads it: an optional sign, parentheses,
// decimal, hex, octal and binary ints ("0x10", "0o17", "0b101"), floats ("-10.0", "1e-3",
// ".5", "5."), single underscores between digits ("1_000"). nullopt for anything Python
// rejects ("007", "1__0", "0x") and for what is not an int or float (names, complex, bool).
std::optional<PythonNumber> parse_python_number(std::string_view text);

// True / False (also 1 / 0, which Python treats the same in `if graphics:`).
std::optional<bool> parse_python_bool(std::string_view text);

}  // namespace hpcpp::params
