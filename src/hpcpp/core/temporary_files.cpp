#include "hpcpp/core/temporary_files.hpp"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>
#include <mutex>

namespace hpcpp {
namespace {

constexpr int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
constexpr int signal_count = static_cast<int>(std::size(cleanup_signals));

// A fixed table, so the handler reads it without allocating or locking. A slot is free
// (0), being filled (1) or listed (2); only the process that listed a file removes it (a
// forked child inherits a copy of the table).
struct Slot {
  std::atomic<int> state{0};
  pid_t owner = 0;
  char path[PATH_MAX] = {};
};
std::array<Slot, 16> slots;

std::mutex install_mutex;
int listed_count = 0;  // under install_mutex
struct sigaction previous[signal_count];

void remove_listed_files() {
  const pid_t self = getpid();
  for (auto& slot : slots)
    if (slot.state.load(std::memory_order_acquire) == 2 && slot.owner == self) unlink(slot.path);
}

extern "C" void remove_then_resignal(int sig) {
  remove_listed_files();
  for (int i = 0; i < signal_count; ++i)
    if (cleanup_signals[i] == sig) sigaction(sig, &previous[i], nullptr);
  raise(sig);  // delivered when this handler returns: the previous action, default or not
}

void install_handlers() {
  struct sigaction action {};
  action.sa_handler = remove_then_resignal;
  sigemptyset(&action.sa_mask);
  for (int sig : cleanup_signals) sigaddset(&action.sa_mask, sig);
  for (int i = 0; i < signal_count; ++i) {
    sigaction(cleanup_signals[i], nullptr, &previous[i]);
    if (previous[i].sa_handler != SIG_IGN) sigaction(cleanup_signals[i], &action, nullptr);
  }
}

void restore_handlers() {
  for (int i = 0; i < signal_count; ++i) sigaction(cleanup_signals[i], &previous[i], nullptr);
}

}  // namespace

ListedTemporaryFile::ListedTemporaryFile(const std::filesystem::path& path) {
  const std::string& text = path.native();
  if (text.size() >= PATH_MAX) return;
  for (int i = 0; i < static_cast<int>(slots.size()); ++i) {
    int expected = 0;
    if (!slots[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(slots[i].path, text.c_str(), text.size() + 1);
    slots[i].owner = getpid();
    slot_ = i;
    break;
  }
  if (slot_ < 0) return;
  const std::lock_guard lock(install_mutex);
  if (listed_count++ == 0) install_handlers();
  slots[slot_].state.store(2, std::memory_order_release);
}

ListedTemporaryFile::~ListedTemporaryFile() {
  if (slot_ < 0) return;
  const std::lock_guard lock(install_mutex);
  slots[slot_].state.store(0, std::memory_order_release);
  if (--listed_count == 0) restore_handlers();
}

}  // namespace hpcpp
