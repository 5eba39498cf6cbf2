#pragma once
// The Chrome trace event format (the JSON that Perfetto, chrome://tracing and speedscope
// open): one complete ("X") event per region call, "M" events naming each process and
// thread, and "C" counter events for the resident set. Each process of a run (each MPI
// rank) is one pid.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "hpcpp/profile/capture.hpp"

namespace hpcpp::profile {

struct TraceProcess {
  long pid = 0;
  std::string name;
  const Capture* capture = nullptr;
};

void write_chrome_trace(std::ostream& out, const std::vector<TraceProcess>& processes);
// Through a temporary name and a rename: no half-written file on failure.
void write_chrome_trace_file(const std::filesystem::path& path, const std::vector<TraceProcess>& processes);

}  // namespace hpcpp::profile
