#include "hpcpp/procs/interrupt_watch.hpp"

#include <fmt/core.h>
#include <signal.h>

#include <atomic>
#include <csignal>
#include <cstring>

#include "hpcpp/core/exit_status_error.hpp"

namespace hpcpp::procs {
namespace {

constexpr int watched_signals[] = {SIGINT, SIGTERM, SIGHUP};
constexpr int watched_count = static_cast<int>(std::size(watched_signals));

volatile std::sig_atomic_t signal_seen = 0;
// Watches nest (a Pool inside a demo); only the outermost one installs the handlers.
std::atomic<int> watch_depth{0};
struct sigaction previous_actions[watched_count];

extern "C" void record_signal(int sig) {
  if (signal_seen == 0) signal_seen = sig;
}

void restore_previous_actions() {
  for (int i = 0; i < watched_count; ++i) sigaction(watched_signals[i], &previous_actions[i], nullptr);
}

}  // namespace

InterruptWatch::InterruptWatch() {
  if (watch_depth.fetch_add(1) > 0) return;
  signal_seen = 0;
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking waitpid returns EINTR
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

void reset_interrupt_in_child() {
  if (watch_depth.exchange(0) > 0) restore_previous_actions();
  signal_seen = 0;
}

}  // namespace hpcpp::procs
