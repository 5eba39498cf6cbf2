#include "hpcpp/core/progress.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace hpcpp {
namespace {

// One terminal line is shared by every Progress and by clear_progress_line(), from any thread.
std::mutex terminal_line;
bool line_drawn = false;

void erase_line() {
  if (!line_drawn) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  line_drawn = false;
}

}  // namespace

void clear_progress_line() {
  const std::lock_guard lock(terminal_line);
  erase_line();
}

Progress::Progress(std::string label, std::int64_t total)
    : label_(std::move(label)), total_(total), enabled_(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() { finish(); }

void Progress::update(std::int64_t done, const std::string& detail) {
  if (!enabled_) return;
  const double now = timer_.seconds();
  if (last_draw_ >= 0.0 && now - last_draw_ < 0.2 && done < total_) return;
  last_draw_ = now;
  const double eta = done > 0 ? now * static_cast<double>(total_ - done) / static_cast<double>(done) : 0.0;
  const std::lock_guard lock(terminal_line);
  fmt::print(stderr, "\r{} {}/{}  {}  ETA {:.1f} s\033[K", label_, done, total_, detail, eta);
  std::fflush(stderr);
  drawn_ = true;
  line_drawn = true;
}

void Progress::finish() {
  if (enabled_ && drawn_) {
    const std::lock_guard lock(terminal_line);
    erase_line();
    drawn_ = false;
  }
}

}  // namespace hpcpp
