#include "hpcpp/procs/program_path.hpp"

#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "hpcpp/core/exit_status_error.hpp"

namespace hpcpp::procs {
namespace {

// 0 when `path` is a file this process may execute, else the errno execve would give.
int exec_error(const std::filesystem::path& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return errno;
  if (!S_ISREG(info.st_mode)) return EACCES;
  return access(path.c_str(), X_OK) == 0 ? 0 : errno;
}

[[noreturn]] void cannot_run(const std::string& program, int error) {
  throw ExitStatusError(fmt::format("cannot run '{}': {}", program, std::strerror(error)),
                        error == ENOENT || error == ENOTDIR ? 127 : 126);
}

}  // namespace

std::filesystem::path program_path(const std::string& program) {
  if (program.empty()) cannot_run(program, ENOENT);
  if (program.find('/') != std::string::npos) {
    if (const int error = exec_error(program)) cannot_run(program, error);
    return program;
  }
  const char* path_variable = std::getenv("PATH");
  // glibc's execvp searches these when PATH is unset.
  const std::string_view search = path_variable ? path_variable : "/bin:/usr/bin";
  int error = ENOENT;
  for (std::size_t start = 0;;) {
    const auto end = search.find(':', start);
    const auto dir = search.substr(start, end == std::string_view::npos ? end : end - start);
    const auto candidate = std::filesystem::path(dir.empty() ? "." : std::string(dir)) / program;
    const int found = exec_error(candidate);
    if (found == 0) return candidate;
    if (found == EACCES) error = EACCES;  // execvp too reports a file it found but could not run
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  cannot_run(program, error);
}

}  // namespace hpcpp::procs
