#pragma once
// Finds the file execvp would run for a program name, before any process is started: a
// command that runs a program many times reports a missing one once, up front.
#include <filesystem>
#include <string>

namespace hpcpp::procs {

// `program` itself when it holds a '/', else the first executable file of that name in a
// directory of PATH (an empty entry: the current directory). Throws hpcpp::ExitStatusError
// "cannot run 'PROGRAM': reason" with the exit code a shell gives: 127 when no such file
// exists, 126 when one exists but cannot be executed.
std::filesystem::path program_path(const std::string& program);

}  // namespace hpcpp::procs
