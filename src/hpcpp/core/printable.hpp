#pragma once
// Input quoted in a message is escaped as Python's repr escapes a str, so that bytes from a
// file (escape sequences, carriage returns, invalid UTF-8) never reach a terminal raw.
#include <string>
#include <string_view>

namespace hpcpp {

// The text with every non-printable character escaped (\n, \r, \t, \\, \x1b, \u2028, ...);
// bytes that are not UTF-8 become \xNN. No quotes are added: for names in "name: ..." lines.
std::string printable(std::string_view text);

// Python's repr of the text as a str: printable(text) in single quotes, or in double
// quotes when it holds a single quote and no double quote.
std::string python_repr(std::string_view text);

}  // namespace hpcpp
