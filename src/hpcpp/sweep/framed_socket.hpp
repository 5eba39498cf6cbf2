#pragma once
// Length-prefixed messages over a stream socket, written whole and read whole.
#include <string>

namespace hpcpp::sweep {

// False when the other end is gone (no SIGPIPE is raised).
bool send_message(int fd, const std::string& bytes);
// False at end of stream (the other end closed or died), also in the middle of a message.
// Throws hpcpp::Error if a signal interrupts it while an InterruptWatch saw Ctrl-C.
bool receive_message(int fd, std::string& bytes);

}  // namespace hpcpp::sweep
