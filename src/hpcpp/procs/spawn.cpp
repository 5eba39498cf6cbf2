#include "hpcpp/procs/spawn.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/exit_status_error.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/procs/exec_arguments.hpp"
#include "hpcpp/procs/interrupt_watch.hpp"

namespace hpcpp::procs {
namespace {

// A pipe made with O_CLOEXEC, so that no program hpcpp starts inherits it.
class Pipe {
 public:
  Pipe() {
    if (pipe2(fds_, O_CLOEXEC) != 0) throw Error(fmt::format("pipe failed: {}", std::strerror(errno)));
  }
  ~Pipe() {
    close_read_end();
    close_write_end();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read_end() { close_end(0); }
  void close_write_end() { close_end(1); }

 private:
  void close_end(int end) {
    if (fds_[end] >= 0) ::close(fds_[end]);
    fds_[end] = -1;
  }
  int fds_[2] = {-1, -1};
};

// Reads what the other end sends until it is closed; retries on EINTR.
ssize_t read_fully(int fd, void* data, std::size_t size) {
  ssize_t got;
  while ((got = ::read(fd, data, size)) < 0 && errno == EINTR) {
  }
  return got;
}

// The environment the program gets, built before fork so the child allocates nothing.
class ChildEnvironment {
 public:
  explicit ChildEnvironment(const SpawnOptions& options) {
    if (options.set_environment.empty() && !options.without_launcher_environment) return;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string_view text(*entry);
      if (options.without_launcher_environment && mpi::is_launcher_variable(text)) continue;
      const auto name = text.substr(0, text.find('='));
      if (std::any_of(options.set_environment.begin(), options.set_environment.end(),
                      [&](const auto& set) { return set.first == name; }))
        continue;
      entries_.emplace_back(text);
    }
    for (const auto& [name, value] : options.set_environment) entries_.push_back(name + "=" + value);
    pointers_ = exec_arguments(entries_);
  }
  char** get() const { return pointers_.empty() ? environ : const_cast<char**>(pointers_.data()); }

 private:
  std::vector<std::string> entries_;
  std::vector<char*> pointers_;
};

// In the child, before exec: the descriptors the options ask for.
void redirect(const SpawnOptions& options) {
  if (options.stdout_fd >= 0) dup2(options.stdout_fd, STDOUT_FILENO);
  if (options.stdin_from_null) {
    const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
  }
}

void reap(pid_t child) {
  while (waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options) {
  if (argv.empty()) throw Error("no program to run");
  const std::vector<char*> args = exec_arguments(argv);
  const ChildEnvironment environment(options);
  // Closed by a successful exec (O_CLOEXEC): the parent reads either nothing or the errno
  // of the failed exec.
  Pipe exec_report;
  // Closed by the parent once before_exec returned; the child waits for that.
  Pipe start;
  const pid_t child = fork_child(
      [&] {
        exec_report.close_read_end();
        start.close_write_end();
        char go = 0;
        if (options.before_exec) read_fully(start.read_end(), &go, 1);
        redirect(options);
        execvpe(args[0], args.data(), environment.get());
        const int error = errno;
        [[maybe_unused]] const auto written = ::write(exec_report.write_end(), &error, sizeof error);
        return 127;
      },
      options.lifetime);
  exec_report.close_write_end();
  start.close_read_end();
  if (options.before_exec) {
    try {
      options.before_exec(child);
    } catch (...) {
      kill(child, SIGKILL);
      reap(child);
      throw;
    }
  }
  start.close_write_end();
  int error = 0;
  if (read_fully(exec_report.read_end(), &error, sizeof error) != static_cast<ssize_t>(sizeof error)) return child;
  reap(child);
  throw ExitStatusError(fmt::format("cannot run '{}': {}", argv[0], std::strerror(error)), error == ENOENT ? 127 : 126);
}

ExitStatus wait_forwarding_signals(pid_t child, rusage* usage) {
  int status = 0;
  for (;;) {
    wait_until_exited_or_interrupted(child);
    if (const int sig = take_signal_to_forward(); sig != 0) {
      kill(child, sig);
      continue;
    }
    if (wait4(child, &status, 0, usage) >= 0) break;
    if (errno != EINTR) throw Error(fmt::format("waitpid({}) failed: {}", child, std::strerror(errno)));
  }
  return ExitStatus::from_wait_status(status);
}

int spawn_and_wait(const std::vector<std::string>& argv) {
  const InterruptWatch watch;
  return wait_forwarding_signals(spawn(argv)).shell_code();
}

}  // namespace hpcpp::procs
