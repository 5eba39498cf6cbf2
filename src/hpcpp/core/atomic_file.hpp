#pragma once
// Writes a file under a temporary name in the same directory and renames it into place,
// so a reader (or a killed run) sees either the old file or the complete new one. The
// temporary is removed on an error and on SIGINT, SIGTERM or SIGHUP.
//
// A target that exists and is not a regular file is never replaced: a character device or
// a FIFO (/dev/null, a pipe made with mkfifo) is written directly; a directory, a socket or
// a block device is refused.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string_view>

namespace hpcpp {

void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

// Throws hpcpp::Error, naming `what` ("--save") and the reason, when write_file_atomically
// could not write `target`: its directory is missing or not writable, or the target is of
// a kind it refuses. For checking outputs before a long run starts.
void check_writable(const std::filesystem::path& target, std::string_view what);

}  // namespace hpcpp
