#include "hpcpp/bigfile/mapped_window.hpp"

#include <fmt/core.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "hpcpp/core/error.hpp"

namespace hpcpp::bigfile {
namespace {

// The window the current thread is reading, for the SIGBUS handler (one per thread).
thread_local char* watched_begin = nullptr;
thread_local char* watched_end = nullptr;
thread_local volatile sig_atomic_t watched_lost = 0;

struct sigaction previous_action {};

void on_bus_error(int signal, siginfo_t* info, void* context) {
  auto* address = static_cast<char*>(info->si_addr);
  if (address >= watched_begin && address < watched_end) {
    const long page = sysconf(_SC_PAGESIZE);
    void* page_start = reinterpret_cast<void*>(reinterpret_cast<std::uintptr_t>(address) & ~static_cast<std::uintptr_t>(page - 1));
    if (mmap(page_start, static_cast<std::size_t>(page), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
        MAP_FAILED) {
      watched_lost = 1;
      return;  // the access is retried and reads zeros
    }
  }
  if (previous_action.sa_flags & SA_SIGINFO) {
    previous_action.sa_sigaction(signal, info, context);
  } else if (previous_action.sa_handler != SIG_IGN && previous_action.sa_handler != SIG_DFL) {
    previous_action.sa_handler(signal);
  } else {
    ::signal(signal, SIG_DFL);  // the access faults again and the default action ends the process
  }
}

void install_handler_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action {};
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous_action);
  });
}

}  // namespace

MappedWindow::MappedWindow(int fd, std::uint64_t offset, std::size_t length, const char* file) {
  install_handler_once();
  struct stat status {};
  if (fstat(fd, &status) != 0) throw Error(fmt::format("{}: cannot read its size: {}", file, std::strerror(errno)));
  if (static_cast<std::uint64_t>(status.st_size) < offset + length)
    throw Error(fmt::format("{}: the file shrank while being read: it has {} bytes, the array needs {}", file,
                            status.st_size, offset + length));
  const auto page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  const std::uint64_t map_offset = offset / page * page;
  map_length_ = static_cast<std::size_t>(offset - map_offset) + length;
  map_ = mmap(nullptr, map_length_, PROT_READ, MAP_SHARED, fd, static_cast<off_t>(map_offset));
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    throw Error(fmt::format("{}: cannot map bytes {} to {}: {}", file, offset, offset + length, std::strerror(errno)));
  }
  data_ = static_cast<const unsigned char*>(map_) + (offset - map_offset);
  madvise(map_, map_length_, MADV_SEQUENTIAL);
  madvise(map_, map_length_, MADV_WILLNEED);
  watched_begin = static_cast<char*>(map_);
  watched_end = watched_begin + map_length_;
  watched_lost = 0;
}

MappedWindow::~MappedWindow() {
  watched_begin = watched_end = nullptr;
  if (map_ != nullptr) munmap(map_, map_length_);
}

bool MappedWindow::lost_pages() const { return watched_lost != 0; }

}  // namespace hpcpp::bigfile
