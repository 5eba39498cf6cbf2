#include "hpcpp/sweep/pool_transport.hpp"

#include <fmt/core.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/procs/interrupt_watch.hpp"
#include "hpcpp/procs/process.hpp"
#include "hpcpp/sweep/framed_socket.hpp"

namespace hpcpp::sweep {

void serve_orders(int socket, const WorkerFunction& work) {
  std::string message;
  while (receive_message(socket, message)) {
    if (!send_message(socket, encode(work(decode_order(message))))) return;
  }
}

PoolTransport::PoolTransport(int workers, WorkerFunction work)
    : work_(std::move(work)), replacements_left_(0) {
  check_thread_count(workers, "--procs");
  // Every task may kill its worker twice; beyond that, workers die for another reason.
  replacements_left_ = 4 * workers;
  slots_.resize(static_cast<std::size_t>(workers));
  try {
    for (int w = 0; w < workers; ++w) start(w);
  } catch (...) {
    close_all();
    throw;
  }
}

PoolTransport::~PoolTransport() { close_all(); }

void PoolTransport::start(int worker) {
  int ends[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    throw Error(fmt::format("sweep: socketpair failed: {}", std::strerror(errno)));
  const pid_t scheduler = getpid();
  const pid_t pid = procs::fork_child([&] {
    // A worker ends with the scheduler, even when the scheduler is killed outright.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != scheduler) return 1;
    close(ends[0]);
    for (const auto& slot : slots_)
      if (slot.socket >= 0) close(slot.socket);
    serve_orders(ends[1], work_);
    return 0;
  });
  close(ends[1]);
  slots_[static_cast<std::size_t>(worker)] = {pid, ends[0]};
}

void PoolTransport::assign(int worker, const TaskOrder& order) {
  // A failed send means the worker died: the next poll sees its socket's end.
  send_message(slots_.at(static_cast<std::size_t>(worker)).socket, encode(order));
}

std::string PoolTransport::reap(int worker) {
  auto& slot = slots_[static_cast<std::size_t>(worker)];
  close(slot.socket);
  slot.socket = -1;
  const auto status = procs::wait_child(slot.pid);
  slot.pid = -1;
  return status.describe();
}

WorkerEvent PoolTransport::next_event() {
  std::vector<pollfd> fds;
  for (const auto& slot : slots_) fds.push_back({slot.socket, POLLIN, 0});
  for (;;) {
    procs::throw_if_interrupted();
    const int ready = poll(fds.data(), fds.size(), -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw Error(fmt::format("sweep: poll failed: {}", std::strerror(errno)));
    break;
  }
  for (std::size_t w = 0; w < fds.size(); ++w) {
    if (fds[w].revents == 0) continue;
    const int worker = static_cast<int>(w);
    std::string message;
    if (receive_message(fds[w].fd, message)) return {worker, decode_outcome(message), {}};
    WorkerEvent event{worker, std::nullopt, reap(worker)};
    if (replacements_left_-- <= 0)
      throw Error(fmt::format("sweep: workers keep dying (the last: {}); stopping", event.death));
    start(worker);
    return event;
  }
  throw Error("sweep: poll reported no ready worker");
}

void PoolTransport::close_all() noexcept {
  // Idle workers exit at the end of their socket; one still busy is stopped.
  for (auto& slot : slots_)
    if (slot.socket >= 0) {
      close(slot.socket);
      slot.socket = -1;
    }
  for (auto& slot : slots_) {
    if (slot.pid <= 0) continue;
    int status = 0;
    pid_t done = 0;
    for (int tries = 0; tries < 200 && (done = waitpid(slot.pid, &status, WNOHANG)) == 0; ++tries) usleep(1000);
    if (done == 0) {
      kill(slot.pid, SIGKILL);
      while (waitpid(slot.pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    slot.pid = -1;
  }
}

}  // namespace hpcpp::sweep
