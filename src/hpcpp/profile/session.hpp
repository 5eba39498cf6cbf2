#pragma once
// One profiling session per process at a time: start it before the work, stop it after;
// regions entered in between are recorded. Start and stop outside any region.
#include <chrono>

#include "hpcpp/profile/capture.hpp"

namespace hpcpp::profile {

struct SessionOptions {
  bool record_spans = false;  // keep every call for a trace (memory: 24 bytes a call)
  std::chrono::microseconds rss_interval{1000};
};

// Names the calling thread in the capture (the thread that starts a session is "main").
void name_this_thread(std::string name);

void start_session(const SessionOptions& options);
Capture stop_session();

}  // namespace hpcpp::profile
