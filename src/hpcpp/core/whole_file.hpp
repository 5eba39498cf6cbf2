#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hpcpp {

// The bytes of `file` (empty when it cannot be read).
inline std::string whole_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace hpcpp
