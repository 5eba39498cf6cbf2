#include "hpcpp/procs/interrupt_watch.hpp"

#include <fmt/core.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

#include "hpcpp/core/exit_status_error.hpp"

namespace hpcpp::procs {
namespace {

constexpr int watched_signals[] = {SIGINT, SIGTERM, SIGHUP};
constexpr int watched_count = static_cast<int>(std::size(watched_signals));

volatile std::sig_atomic_t signal_seen = 0;
// Sent by the kernel for the terminal (Ctrl-C, a hangup): to the whole foreground process
// group, so a child in it has it already.
volatile std::sig_atomic_t signal_from_terminal = 0;
// Watches nest (a Pool inside a demo); only the outermost one installs the handlers.
std::atomic<int> watch_depth{0};
struct sigaction previous_actions[watched_count];

extern "C" void record_signal(int sig, siginfo_t* info, void*) {
  if (signal_seen != 0) return;
  signal_from_terminal = info != nullptr && info->si_code == SI_KERNEL;
  signal_seen = sig;
}

void restore_previous_actions() {
  for (int i = 0; i < watched_count; ++i) sigaction(watched_signals[i], &previous_actions[i], nullptr);
}

}  // namespace

InterruptWatch::InterruptWatch() {
  if (watch_depth.fetch_add(1) > 0) return;
  signal_seen = 0;
  struct sigaction action {};
  action.sa_sigaction = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_SIGINFO;  // no SA_RESTART: a blocking waitpid returns EINTR
  for (int i = 0; i < watched_count; ++i) {
    sigaction(watched_signals[i], nullptr, &previous_actions[i]);
    // A process started with the signal ignored (a background job, nohup) keeps ignoring it.
    if (previous_actions[i].sa_handler != SIG_IGN) sigaction(watched_signals[i], &action, nullptr);
  }
}

InterruptWatch::~InterruptWatch() {
  if (watch_depth.fetch_sub(1) == 1) restore_previous_actions();
}

int interrupting_signal() { return signal_seen; }

bool interrupted() { return signal_seen != 0; }

void throw_if_interrupted() {
  const int sig = signal_seen;
  if (sig == 0) return;
  const char* name = sigabbrev_np(sig);
  throw ExitStatusError(fmt::format("interrupted (SIG{}): child processes stopped", name ? name : "?"), 128 + sig);
}

int take_signal_to_forward() {
  const int sig = signal_seen;
  const bool from_terminal = signal_from_terminal;
  signal_seen = 0;
  return from_terminal ? 0 : sig;
}

void wait_until_exited_or_interrupted(pid_t pid) {
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return;
  sigset_t watched, previous;
  sigemptyset(&watched);
  for (int sig : watched_signals) sigaddset(&watched, sig);
  pthread_sigmask(SIG_BLOCK, &watched, &previous);
  if (!interrupted()) {
    pollfd fd{pidfd, POLLIN, 0};
    ppoll(&fd, 1, nullptr, &previous);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  close(pidfd);
}

void reset_interrupt_in_child() {
  if (watch_depth.exchange(0) > 0) restore_previous_actions();
  signal_seen = 0;
}

}  // namespace hpcpp::procs
