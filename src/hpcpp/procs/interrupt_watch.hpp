#pragma once
// While an InterruptWatch lives, Ctrl-C (SIGINT) no longer kills this process: it is
// recorded, and waiting for a child stops with an error, so the children can be killed and
// reaped before the program ends. Children get back the SIGINT action the watch replaced.
// Meant for the one thread that forks and waits.
namespace hpcpp::procs {

class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;
};

// True once SIGINT arrived while a watch was active (reset when the outermost watch starts).
bool interrupted();
// Throws hpcpp::Error if interrupted().
void throw_if_interrupted();
// In a freshly forked child: SIGINT back to the action it had before the watch.
void reset_interrupt_in_child();

}  // namespace hpcpp::procs
