#pragma once
// While an InterruptWatch lives, SIGINT (Ctrl-C), SIGTERM (kill, timeout) and SIGHUP (a
// closed terminal) no longer end this process at once: the signal is recorded, and waiting
// for a child stops with an error, so the children can be killed and reaped before the
// program ends. Children get back the actions the watch replaced. A signal that was
// ignored when the watch started stays ignored. Meant for the one thread that forks and
// waits.
namespace hpcpp::procs {

class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;
};

// The signal that arrived while a watch was active, or 0 (reset when the outermost watch
// starts).
int interrupting_signal();
bool interrupted();
// Throws hpcpp::ExitStatusError with exit code 128 + the signal's number if interrupted().
void throw_if_interrupted();
// In a freshly forked child: the watched signals back to the actions they had before the
// watch.
void reset_interrupt_in_child();

}  // namespace hpcpp::procs
