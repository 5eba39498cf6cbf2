#pragma once
// While an InterruptWatch lives, SIGINT (Ctrl-C), SIGTERM (kill, timeout) and SIGHUP (a
// closed terminal) no longer end this process at once: the signal is recorded, and waiting
// for a child stops with an error, so the children can be killed and reaped before the
// program ends. Children get back the actions the watch replaced. A signal that was
// ignored when the watch started stays ignored. Meant for the one thread that forks and
// waits.
#include <sys/types.h>

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
// For passing the signal on to a child: the signal that arrived, or 0 when none did or when
// the terminal sent it (Ctrl-C and a hangup reach the whole foreground process group, the
// child included). Clears it, so the next one is seen too.
int take_signal_to_forward();
// Blocks until child `pid` can be reaped or a watched signal arrives. The signals are
// unblocked atomically with the wait (ppoll on a pidfd), so one that arrives just before it
// cannot be missed; without pidfds it returns at once (then wait in waitpid, which a
// signal interrupts with EINTR).
void wait_until_exited_or_interrupted(pid_t pid);
// In a freshly forked child: the watched signals back to the actions they had before the
// watch.
void reset_interrupt_in_child();

}  // namespace hpcpp::procs
