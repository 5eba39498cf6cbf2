// hpcpp shared-value / shared-array / pool-map: the lecture's multiprocessing examples.
#include <fmt/core.h>

#include <chrono>
#include <numeric>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "option_checks.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/numpy_str.hpp"
#include "hpcpp/procs/array.hpp"
#include "hpcpp/procs/pool.hpp"
#include "hpcpp/procs/process.hpp"
#include "hpcpp/procs/shared_counter.hpp"

namespace hpcpp::cli {
namespace {

void negate_in_processes() {
  std::vector<double> start(10);
  std::iota(start.begin(), start.end(), 0.0);
  procs::Array<double> arr{std::span<const double>(start)};
  std::vector<procs::Process> processes;
  for (std::size_t i = 0; i < arr.size(); ++i) processes.emplace_back([&arr, i] { arr[i] = -arr[i]; });
  procs::run_all(processes, "shared-array");
  fmt::print("{}\n", numpy_str(arr.to_vector()));
}

struct PoolMapConfig {
  int workers = 4;
  int items = 10;
  int delay_ms = 0;
};

void squares_in_pool(const PoolMapConfig& c) {
  if (c.items < 0 || c.items > 1'000'000) throw Error(fmt::format("pool-map: items must be in [0, 1000000], got {}", c.items));
  if (c.delay_ms < 0) throw Error(fmt::format("pool-map: delay must be >= 0 ms, got {}", c.delay_ms));
  std::vector<long> numbers(static_cast<std::size_t>(c.items));
  std::iota(numbers.begin(), numbers.end(), 0L);
  const auto squares = procs::Pool(c.workers).map(
      [&c](long x) {
        std::this_thread::sleep_for(std::chrono::milliseconds(c.delay_ms));
        return x * x;
      },
      numbers);
  std::string line = "[";
  for (std::size_t i = 0; i < squares.size(); ++i) line += fmt::format("{}{}", i ? ", " : "", squares[i]);
  fmt::print("{}]\n", line);
}

}  // namespace

void add_multiprocessing_commands(CLI::App& app, int& /*exit_code*/) {
  auto counter = std::make_shared<procs::SharedCounterConfig>();
  auto* value = app.add_subcommand(
      "shared-value",
      "10 processes each sleep 1 ms, then add 1 to a shared Value (v.value += 1), 50 times "
      "(multiprocessing_shared.py). CPython spends microseconds between reading v.value and "
      "writing it back; a 5 us window between the read and the write models that, so "
      "increments that overlap are lost, as the lecture's 475 of 500");
  value->add_flag("--lock", counter->use_lock,
                  "Hold a shared Lock around each increment only, not the sleep (multiprocessing_shared_fixed.py): 500");
  value->add_option("--procs", counter->processes, "Processes")->capture_default_str()->transform(thread_count());
  add_hidden_alias(*value, "--processes", counter->processes, thread_count());
  value->add_option("--increments", counter->increments, "Increments per process")->capture_default_str()->transform(integer_in(0, 1000000));
  value->callback([counter] { fmt::print("{}\n", procs::count_in_processes(*counter)); });

  auto* array = app.add_subcommand(
      "shared-array", "10 processes negate one element each of a shared Array arange(10.) (multiprocessing_shared_array.py)");
  array->callback(negate_in_processes);

  auto pool = std::make_shared<PoolMapConfig>();
  auto* map = app.add_subcommand("pool-map", "Pool(procs).map(square, range(items)): results in order");
  map->add_option("--procs", pool->workers, "Worker processes")->transform(thread_count())->capture_default_str();
  add_hidden_alias(*map, "--workers", pool->workers, thread_count());
  map->add_option("--items", pool->items, "Numbers to square: 0 .. items-1")->capture_default_str()->transform(integer_in(0, 1000000));
  map->add_option("--delay-ms", pool->delay_ms, "Each item sleeps this long first (to watch or interrupt the workers)")
      ->capture_default_str()
      ->transform(integer_in(0, 86400000));
  map->callback([pool] { squares_in_pool(*pool); });
}

}  // namespace hpcpp::cli
