#pragma once
// The lecture's summer_serial.py, summer_threaded.py and summer_multiprocessing.py: the same
// `tasks` calls of my_summer(0, n), one after another, in threads, or in processes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::summer {

enum class Mode { serial, threads, processes };

std::string_view mode_name(Mode mode);
// Throws hpcpp::Error for an unknown name.
Mode parse_mode(std::string_view name);
const std::vector<Mode>& all_modes();

struct SummerRun {
  std::vector<std::int64_t> totals;  // one per task, in task order
  double seconds = 0;                // wall time of all tasks, creation of workers included
};

// Beyond it my_summer's total would overflow 64 bits.
inline constexpr std::int64_t max_n = 4'000'000'000;

// Throws hpcpp::Error for tasks outside [1, max_threads], n outside [0, max_n], or a task
// whose total is not n(n-1)/2.
SummerRun run_summer(Mode mode, int tasks, std::int64_t n);

}  // namespace hpcpp::summer
