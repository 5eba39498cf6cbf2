#include "hpcpp/summer/run_summer.hpp"

#include <fmt/core.h>

#include <thread>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/procs/array.hpp"
#include "hpcpp/procs/process.hpp"
#include "hpcpp/summer/my_summer.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::summer {
namespace {

std::int64_t summer_task(std::int64_t n) {
  HPCPP_PROFILE_REGION("summer.task");
  return my_summer(0, n);
}

std::vector<std::int64_t> in_series(int tasks, std::int64_t n) {
  std::vector<std::int64_t> totals;
  for (int t = 0; t < tasks; ++t) totals.push_back(summer_task(n));
  return totals;
}

std::vector<std::int64_t> in_threads(int tasks, std::int64_t n) {
  std::vector<std::int64_t> totals(static_cast<std::size_t>(tasks));
  std::vector<std::jthread> threads;
  for (auto& total : totals) threads.emplace_back([&total, n] { total = summer_task(n); });
  threads.clear();  // joins
  return totals;
}

std::vector<std::int64_t> in_processes(int tasks, std::int64_t n) {
  procs::Array<std::int64_t> totals(static_cast<std::size_t>(tasks));
  std::vector<procs::Process> processes;
  for (std::size_t t = 0; t < totals.size(); ++t)
    processes.emplace_back([&totals, t, n] { totals[t] = summer_task(n); });
  procs::run_all(processes, "summer");
  return totals.to_vector();
}

}  // namespace

std::string_view mode_name(Mode mode) {
  switch (mode) {
    case Mode::serial: return "serial";
    case Mode::threads: return "threads";
    case Mode::processes: return "processes";
  }
  return "?";
}

const std::vector<Mode>& all_modes() {
  static const std::vector<Mode> modes = {Mode::serial, Mode::threads, Mode::processes};
  return modes;
}

Mode parse_mode(std::string_view name) {
  for (Mode mode : all_modes())
    if (mode_name(mode) == name) return mode;
  throw Error(fmt::format("unknown summer mode {} (serial, threads or processes)", python_repr(name)));
}

SummerRun run_summer(Mode mode, int tasks, std::int64_t n) {
  check_thread_count(tasks, "tasks");
  if (n < 0 || n > max_n) throw Error(fmt::format("n must be from 0 to {}, got {}", max_n, n));
  WallTimer timer;
  const profile::Region region(profile::site(fmt::format("summer.{}", mode_name(mode))));
  SummerRun run;
  switch (mode) {
    case Mode::serial: run.totals = in_series(tasks, n); break;
    case Mode::threads: run.totals = in_threads(tasks, n); break;
    case Mode::processes: run.totals = in_processes(tasks, n); break;
  }
  run.seconds = timer.seconds();
  const std::int64_t expected = summer_expected(0, n);
  for (std::size_t t = 0; t < run.totals.size(); ++t)
    if (run.totals[t] != expected)
      throw Error(fmt::format("summer {} task {}: total {} is not n(n-1)/2 = {}", mode_name(mode), t, run.totals[t], expected));
  return run;
}

}  // namespace hpcpp::summer
