#pragma once
// A one-line progress report on stderr ("step 1200/13410  simtime 1.34  ETA 3.2 s"),
// redrawn at most a few times a second and only when stderr is a terminal. A program that
// prints lines of output while a progress line may be drawn calls clear_progress_line()
// before each: on a terminal that shows both streams, the output line then starts on a
// clean line instead of after the progress text.
#include <cstdint>
#include <string>

#include "hpcpp/core/wall_timer.hpp"

namespace hpcpp {

class Progress {
 public:
  Progress(std::string label, std::int64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::int64_t done, const std::string& detail = {});
  void finish();
  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  std::int64_t total_;
  bool enabled_;
  bool drawn_ = false;
  WallTimer timer_;
  double last_draw_ = -1.0;
};

// Erases the progress line, if one is drawn; the next update draws it again.
void clear_progress_line();

}  // namespace hpcpp
