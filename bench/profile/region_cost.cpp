// The cost of entering and leaving one region: with no session (profiling off), in a
// session (--profile), and in a session that keeps every call for a trace
// (--profile-trace). The empty loop is the baseline to subtract; two back-to-back clock
// reads, each kept, are the least any region that times its calls can cost here. Built with
// HPCPP_TRACY_SOURCE_DIR, the program also times a Tracy zone in the same run.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>

#include "hpcpp/profile/region.hpp"
#include "hpcpp/profile/session.hpp"
#include "hpcpp/profile/tick_clock.hpp"

#if defined(HPCPP_BENCH_TRACY)
#include "tracy/Tracy.hpp"
#endif

namespace {

using hpcpp::profile::SessionOptions;

void empty_loop(benchmark::State& state) {
  for (auto _ : state) {
    int work = 0;
    benchmark::DoNotOptimize(work);
  }
}

// One read of the clock regions use: a region in a session makes two.
void clock_read(benchmark::State& state) {
  for (auto _ : state) {
    auto tick = hpcpp::profile::now_ticks();
    benchmark::DoNotOptimize(tick);
  }
}

// The floor: a read on enter and one on leave, both stored, and nothing else.
void two_clock_reads_stored(benchmark::State& state) {
  std::array<std::uint64_t, 1024> ticks{};
  std::size_t next = 0;
  for (auto _ : state) {
    ticks[next++ % ticks.size()] = hpcpp::profile::now_ticks();
    int work = 0;
    benchmark::DoNotOptimize(work);
    ticks[next++ % ticks.size()] = hpcpp::profile::now_ticks();
  }
  benchmark::DoNotOptimize(ticks);
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

#if defined(HPCPP_BENCH_TRACY)
// With no viewer connected Tracy keeps every zone in memory (about 64 bytes a zone), so
// the iterations are fixed.
void tracy_zone(benchmark::State& state) {
  for (auto _ : state) {
    ZoneScopedN("bench.zone");
    int work = 0;
    benchmark::DoNotOptimize(work);
  }
}
BENCHMARK(tracy_zone)->Iterations(2'000'000);
#endif

}  // namespace

BENCHMARK(empty_loop);
BENCHMARK(clock_read);
BENCHMARK(two_clock_reads_stored);
BENCHMARK(region_off);
BENCHMARK(region_on);
BENCHMARK(region_on_with_trace)->Iterations(2'000'000);
BENCHMARK(nested_regions_on);
BENCHMARK_MAIN();
