#pragma once
// multiprocessing.Process: runs a callable in a forked child. The child sees a copy of
// everything the parent had (and shares SharedMapping memory); it ends with _exit, so it
// never runs the parent's destructors or flushes the parent's buffers twice.
#include <sys/types.h>

#include <functional>
#include <string_view>
#include <vector>

#include "hpcpp/procs/exit_status.hpp"

namespace hpcpp::procs {

class Process {
 public:
  explicit Process(std::function<void()> target);
  // A child still running is killed (SIGKILL) and reaped: no orphan, no zombie.
  ~Process();
  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Forks. In the child: the target runs; it exits 0 when the target returns, 1 (after
  // printing the message on stderr) when it throws.
  void start();
  // Waits for the child. Throws hpcpp::Error if SIGINT, SIGTERM or SIGHUP arrives under
  // an InterruptWatch.
  ExitStatus join();
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0 && !joined_; }

 private:
  void kill_and_reap() noexcept;
  std::function<void()> target_;
  pid_t pid_ = 0;
  bool joined_ = false;
};

// Starts every process, then joins them all, under an InterruptWatch (Ctrl-C, SIGTERM or
// SIGHUP: an error, and the processes' destructors kill and reap them). Throws hpcpp::Error naming the first
// process that did not end with exit code 0 (`what` says what the processes were for).
void run_all(std::vector<Process>& processes, std::string_view what);

// Whether a child outlives this process: a worker is killed (SIGKILL) when the thread that
// forked it ends, even when this process is killed with SIGKILL; a program run on the
// user's behalf (etime, secondfork) is left running, as a shell leaves it.
enum class ChildLifetime { dies_with_parent, independent };

// Forks and runs `body` in the child, which then ends with _exit(body's result); returns
// the child's pid. Output buffered in the parent is flushed first, so it is not printed
// twice. The child gets back the signal actions an InterruptWatch replaced.
pid_t fork_child(const std::function<int()>& body, ChildLifetime lifetime = ChildLifetime::dies_with_parent);
// Waits for one child (retrying on EINTR). Throws hpcpp::Error if SIGINT, SIGTERM or
// SIGHUP arrives under an InterruptWatch; the child is then still to be reaped by the
// caller.
ExitStatus wait_child(pid_t pid);

}  // namespace hpcpp::procs
