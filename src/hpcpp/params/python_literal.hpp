#pragma once
#include <optional>
#include <string_view>

namespace hpcpp::params {

// A Python int or float literal with an optional sign ("-10.0", "1e-3", ".5", "1_000"),
// as the double Python would make of it. nullopt for anything else (names, expressions).
std::optional<double> parse_python_number(std::string_view text);

// True / False (also 1 / 0, which Python treats the same in `if graphics:`).
std::optional<bool> parse_python_bool(std::string_view text);

}  // namespace hpcpp::params
