#include "hpcpp/procs/interrupt_watch.hpp"

#include <signal.h>

#include <atomic>
#include <csignal>

#include "hpcpp/core/error.hpp"

namespace hpcpp::procs {
namespace {

volatile std::sig_atomic_t sigint_seen = 0;
// Watches nest (a Pool inside a demo); only the outermost one installs the handler.
std::atomic<int> watch_depth{0};
struct sigaction previous_action;

extern "C" void record_sigint(int) { sigint_seen = 1; }

}  // namespace

InterruptWatch::InterruptWatch() {
  if (watch_depth.fetch_add(1) > 0) return;
  sigint_seen = 0;
  struct sigaction action {};
  action.sa_handler = record_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking waitpid returns EINTR
  sigaction(SIGINT, &action, &previous_action);
  // A process started with SIGINT ignored (a background job of a script) keeps ignoring it.
  if (previous_action.sa_handler == SIG_IGN) sigaction(SIGINT, &previous_action, nullptr);
}

InterruptWatch::~InterruptWatch() {
  if (watch_depth.fetch_sub(1) == 1) sigaction(SIGINT, &previous_action, nullptr);
}

bool interrupted() { return sigint_seen != 0; }

void throw_if_interrupted() {
  if (interrupted()) throw Error("interrupted (SIGINT): child processes stopped");
}

void reset_interrupt_in_child() {
  if (watch_depth.exchange(0) > 0) sigaction(SIGINT, &previous_action, nullptr);
  sigint_seen = 0;
}

}  // namespace hpcpp::procs
