#pragma once
// A one-line progress report on stderr ("step 1200/13410  simtime 1.34  ETA 3.2 s"),
// redrawn at most a few times a second and only when stderr is a terminal.
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

}  // namespace hpcpp
