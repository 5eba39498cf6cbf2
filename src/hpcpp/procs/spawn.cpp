#include "hpcpp/procs/spawn.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/exit_status_error.hpp"
#include "hpcpp/procs/exec_arguments.hpp"
#include "hpcpp/procs/process.hpp"

namespace hpcpp::procs {
namespace {

// A pipe whose write end closes when the child's exec succeeds (O_CLOEXEC): the parent
// reads either nothing (the program runs) or the errno of the failed exec.
class ExecReport {
 public:
  ExecReport() {
    if (pipe2(fds_, O_CLOEXEC) != 0) throw Error(fmt::format("pipe failed: {}", std::strerror(errno)));
  }
  ~ExecReport() {
    for (int fd : fds_)
      if (fd >= 0) close(fd);
  }
  ExecReport(const ExecReport&) = delete;
  ExecReport& operator=(const ExecReport&) = delete;

  void send_from_child(int error) const {
    [[maybe_unused]] const auto written = write(fds_[1], &error, sizeof error);
  }
  // In the parent: 0 once exec succeeded, else the child's errno.
  int receive() {
    close(fds_[1]);
    fds_[1] = -1;
    int error = 0;
    ssize_t got;
    while ((got = read(fds_[0], &error, sizeof error)) < 0 && errno == EINTR) {
    }
    return got == static_cast<ssize_t>(sizeof error) ? error : 0;
  }

 private:
  int fds_[2] = {-1, -1};
};

}  // namespace

pid_t spawn(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error("no program to run");
  const std::vector<char*> args = exec_arguments(argv);
  ExecReport report;
  const pid_t child = fork_child(
      [&] {
        execvp(args[0], args.data());
        report.send_from_child(errno);
        return 127;
      },
      ChildLifetime::independent);
  const int error = report.receive();
  if (error == 0) return child;
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  throw ExitStatusError(fmt::format("cannot run '{}': {}", argv[0], std::strerror(error)), error == ENOENT ? 127 : 126);
}

int spawn_and_wait(const std::vector<std::string>& argv) { return wait_child(spawn(argv)).shell_code(); }

}  // namespace hpcpp::procs
