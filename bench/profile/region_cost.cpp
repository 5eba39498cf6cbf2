// The cost of entering and leaving one region: with no session (profiling off), in a
// session (--profile), and in a session that keeps every call for a trace
// (--profile-trace). The empty loop is the baseline to subtract.
#include <benchmark/benchmark.h>

#include "hpcpp/profile/region.hpp"
#include "hpcpp/profile/session.hpp"

namespace {

using hpcpp::profile::SessionOptions;

void empty_loop(benchmark::State& state) {
  for (auto _ : state) {
    int work = 0;
    benchmark::DoNotOptimize(work);
  }
}

void region_loop(benchmark::State& state) {
  for (auto _ : state) {
    HPCPP_PROFILE_REGION("bench.region");
    int work = 0;
    benchmark::DoNotOptimize(work);
  }
}

void region_off(benchmark::State& state) { region_loop(state); }

void region_on(benchmark::State& state) {
  hpcpp::profile::start_session(SessionOptions{});
  region_loop(state);
  hpcpp::profile::stop_session();
}

// Spans are kept up to a cap per thread (4 Mi calls); the runs stay below it.
void region_on_with_trace(benchmark::State& state) {
  hpcpp::profile::start_session(SessionOptions{.record_spans = true});
  region_loop(state);
  hpcpp::profile::stop_session();
}

void nested_regions_on(benchmark::State& state) {
  hpcpp::profile::start_session(SessionOptions{});
  for (auto _ : state) {
    HPCPP_PROFILE_REGION("bench.outer");
    HPCPP_PROFILE_REGION("bench.inner");
    int work = 0;
    benchmark::DoNotOptimize(work);
  }
  hpcpp::profile::stop_session();
}

}  // namespace

BENCHMARK(empty_loop);
BENCHMARK(region_off);
BENCHMARK(region_on);
BENCHMARK(region_on_with_trace)->Iterations(2'000'000);
BENCHMARK(nested_regions_on);
BENCHMARK_MAIN();
