#pragma once
// Writes a file under a temporary name in the same directory and renames it into place,
// so a reader (or a killed run) sees either the old file or the complete new one.
#include <filesystem>
#include <functional>
#include <ostream>

namespace hpcpp {

void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

}  // namespace hpcpp
