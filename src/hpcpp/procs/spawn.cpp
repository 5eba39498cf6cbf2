#include "hpcpp/procs/spawn.hpp"

#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpp/core/error.hpp"

namespace hpcpp::procs {

int spawn_and_wait(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error("no program to run");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const pid_t child = fork();
  if (child < 0) throw Error(fmt::format("fork failed: {}", std::strerror(errno)));
  if (child == 0) {
    execvp(args[0], args.data());
    const std::string message = fmt::format("cannot run '{}': {}\n", argv[0], std::strerror(errno));
    [[maybe_unused]] auto written = write(STDERR_FILENO, message.data(), message.size());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0)
    if (errno != EINTR) throw Error(fmt::format("waitpid failed: {}", std::strerror(errno)));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace hpcpp::procs
