#include "hpcpp/procs/process.hpp"

#include <fmt/core.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <utility>

#include "hpcpp/core/error.hpp"
#include "hpcpp/procs/interrupt_watch.hpp"

namespace hpcpp::procs {

namespace {

// The parent may have died before the request took effect: then the child's parent is
// already another process and no signal will come.
void die_with_parent(pid_t parent) {
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(1);
}

}  // namespace

pid_t fork_child(const std::function<int()>& body, ChildLifetime lifetime) {
  std::fflush(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw Error(fmt::format("fork failed: {}", std::strerror(errno)));
  if (pid > 0) return pid;
  if (lifetime == ChildLifetime::dies_with_parent) die_with_parent(parent);
  reset_interrupt_in_child();
  int code = 1;
  try {
    code = body();
  } catch (const std::exception& e) {
    fmt::print(stderr, "hpcpp: process {}: {}\n", getpid(), e.what());
  } catch (...) {
    fmt::print(stderr, "hpcpp: process {}: unknown exception\n", getpid());
  }
  std::fflush(nullptr);
  _exit(code);
}

ExitStatus wait_child(pid_t pid) {
  int status = 0;
  for (;;) {
    throw_if_interrupted();
    wait_until_exited_or_interrupted(pid);
    throw_if_interrupted();
    if (waitpid(pid, &status, 0) >= 0) break;
    if (errno != EINTR) throw Error(fmt::format("waitpid({}) failed: {}", pid, std::strerror(errno)));
  }
  return ExitStatus::from_wait_status(status);
}

Process::Process(std::function<void()> target) : target_(std::move(target)) {}

Process::~Process() { kill_and_reap(); }

Process::Process(Process&& other) noexcept
    : target_(std::move(other.target_)), pid_(std::exchange(other.pid_, 0)), joined_(other.joined_) {}

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    kill_and_reap();
    target_ = std::move(other.target_);
    pid_ = std::exchange(other.pid_, 0);
    joined_ = other.joined_;
  }
  return *this;
}

void Process::start() {
  if (pid_ > 0) throw Error(fmt::format("process {} already started", pid_));
  pid_ = fork_child([this] {
    target_();
    return 0;
  });
  joined_ = false;
}

ExitStatus Process::join() {
  if (pid_ <= 0) throw Error("join: the process was never started");
  if (joined_) throw Error(fmt::format("join: process {} already joined", pid_));
  throw_if_interrupted();
  const ExitStatus status = wait_child(pid_);
  joined_ = true;
  return status;
}

void run_all(std::vector<Process>& processes, std::string_view what) {
  const InterruptWatch watch;
  for (auto& process : processes) process.start();
  std::string failure;
  for (auto& process : processes) {
    const ExitStatus status = process.join();
    if (!status.success() && failure.empty())
      failure = fmt::format("{} process {} ended with {}", what, process.pid(), status.describe());
  }
  if (!failure.empty()) throw Error(failure);
}

void Process::kill_and_reap() noexcept {
  if (!running()) return;
  kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  joined_ = true;
}

}  // namespace hpcpp::procs
