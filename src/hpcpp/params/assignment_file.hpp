#pragma once
// Reads a Python-style parameter file as data: `name = value` statements separated by
// newlines or ';', '#' comments, blank lines. Nothing is executed.
#include <cstddef>
#include <filesystem>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::params {

struct Assignment {
  std::string name;
  std::string value;  // the value's text, trimmed
  std::string where;  // "file:line", for error messages
};

inline constexpr std::size_t max_line_bytes = 64 * 1024;

// Throws hpcpp::Error naming file:line for a missing or unreadable file, a directory,
// binary content, a line longer than max_line_bytes or a statement that is not an assignment.
std::vector<Assignment> read_assignments(const std::filesystem::path& file);
// The same from a seekable stream; `file_name` names it in errors.
std::vector<Assignment> read_assignments(std::istream& in, std::string_view file_name);

// Parses one "name=value" text (from the command line); `origin` names it in errors.
Assignment parse_assignment(const std::string& text, const std::string& origin);

}  // namespace hpcpp::params
