// The profiler on a synthetic program whose counts, nesting and allocations are known
// exactly. Times are only checked for their relations (self <= cumulative), never values.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "hpcpp/core/error.hpp"
#include "hpcpp/profile/capture_bytes.hpp"
#include "hpcpp/profile/chrome_trace.hpp"
#include "hpcpp/profile/region.hpp"
#include "hpcpp/profile/region_table.hpp"
#include "hpcpp/profile/session.hpp"
#include "hpcpp/profile/table_report.hpp"

namespace hpcpp::profile {
namespace {

// Kept where the optimiser cannot see it, so new/delete pairs are not elided.
thread_local char* volatile g_sink = nullptr;

void allocate_and_free(std::size_t bytes) {
  g_sink = new char[bytes];
  delete[] g_sink;
}

std::map<std::string, RegionRow> rows_by_name(const RegionTable& table) {
  std::map<std::string, RegionRow> rows;
  for (const auto& row : table.rows) rows[row.name] = row;
  return rows;
}

void inner() {
  HPCPP_PROFILE_REGION("test.inner");
  allocate_and_free(234);
}

void outer() {
  HPCPP_PROFILE_REGION("test.outer");
  allocate_and_free(1000);
  for (int i = 0; i < 4; ++i) inner();
}

void recurse(int depth) {
  HPCPP_PROFILE_REGION("test.recurse");
  if (depth > 1) recurse(depth - 1);
}

#define SKIP_WITHOUT_ALLOCATION_HOOK(capture) \
  if (!(capture).allocation_hook) GTEST_SKIP() << "no allocation hook: this sanitizer runtime owns operator new"

TEST(Profile, CountsAndNestingAreExact) {
  start_session({});
  for (int i = 0; i < 3; ++i) outer();
  recurse(5);
  const Capture capture = stop_session();
  const auto rows = rows_by_name(merge_threads(capture));
  ASSERT_EQ(rows.size(), 3u);
  const RegionRow& o = rows.at("test.outer");
  const RegionRow& i = rows.at("test.inner");
  const RegionRow& r = rows.at("test.recurse");
  EXPECT_EQ(o.ncalls, 3u);
  EXPECT_EQ(i.ncalls, 12u);
  EXPECT_EQ(r.ncalls, 5u);
  // Self time excludes the nested regions; cumulative counts only the outermost of a
  // recursion, so it cannot exceed the wall time of the whole session.
  EXPECT_LE(i.tottime, i.cumtime);
  EXPECT_LE(o.tottime + i.cumtime, o.cumtime * (1 + 1e-9) + 1e-8);
  EXPECT_LE(r.cumtime, merge_threads(capture).wall_seconds);
  EXPECT_EQ(merge_threads(capture).threads, 1u);
}

TEST(Profile, AllocatedBytesAreExactPerRegion) {
  start_session({});
  for (int i = 0; i < 3; ++i) outer();
  recurse(5);
  const Capture capture = stop_session();
  SKIP_WITHOUT_ALLOCATION_HOOK(capture);
  const auto rows = rows_by_name(merge_threads(capture));
  const RegionRow& o = rows.at("test.outer");
  const RegionRow& i = rows.at("test.inner");
  EXPECT_EQ(i.self_bytes, 12u * 234);
  EXPECT_EQ(i.cumulative_bytes, 12u * 234);
  EXPECT_EQ(o.self_bytes, 3u * 1000);
  EXPECT_EQ(o.cumulative_bytes, 3u * (1000 + 4 * 234));
  EXPECT_EQ(rows.at("test.recurse").cumulative_bytes, 0u);
}

// Deeper than the stack a thread starts with, so the stack grows while regions are open.
TEST(Profile, DeepNestingKeepsEveryLevel) {
  constexpr int depth = 300;
  start_session({.record_spans = true});
  recurse(depth);
  outer();
  const Capture capture = stop_session();
  const auto rows = rows_by_name(merge_threads(capture));
  EXPECT_EQ(rows.at("test.recurse").ncalls, static_cast<std::uint64_t>(depth));
  EXPECT_EQ(rows.at("test.inner").ncalls, 4u);
  ASSERT_EQ(capture.threads.size(), 1u);
  std::vector<int> calls_at_depth(depth, 0);
  for (const auto& span : capture.threads[0].spans)
    if (capture.site_names.at(span.site) == "test.recurse") ++calls_at_depth.at(span.depth);
  EXPECT_EQ(std::count(calls_at_depth.begin(), calls_at_depth.end(), 1), depth);
}

TEST(Profile, RegionsOutsideASessionAreNotRecorded) {
  outer();
  start_session({});
  inner();
  const Capture capture = stop_session();
  outer();
  const auto rows = rows_by_name(merge_threads(capture));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.at("test.inner").ncalls, 1u);
}

constexpr int threads = 4, calls = 5;

Capture run_threads() {
  start_session({.record_spans = true});
  {
    HPCPP_PROFILE_REGION("test.spawn");
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([t] {
        for (int c = 0; c < calls; ++c) {
          HPCPP_PROFILE_REGION("test.worker");
          allocate_and_free(100 + static_cast<std::size_t>(t));
          inner();
        }
      });
    for (auto& w : workers) w.join();
  }
  return stop_session();
}

TEST(Profile, ThreadsAreMergedAtTheEnd) {
  const Capture capture = run_threads();
  const RegionTable table = merge_threads(capture);
  EXPECT_EQ(table.threads, 1u + threads);
  const auto rows = rows_by_name(table);
  EXPECT_EQ(rows.at("test.worker").ncalls, static_cast<std::uint64_t>(threads * calls));
  EXPECT_EQ(rows.at("test.inner").ncalls, static_cast<std::uint64_t>(threads * calls));
  EXPECT_EQ(rows.at("test.spawn").ncalls, 1u);
  for (const auto& thread : capture.threads) {
    if (thread.name == "main") continue;
    EXPECT_EQ(thread.spans.size(), 2u * calls) << thread.name;
  }
}

TEST(Profile, ThreadsAllocationsAreMergedExactly) {
  const Capture capture = run_threads();
  SKIP_WITHOUT_ALLOCATION_HOOK(capture);
  const auto rows = rows_by_name(merge_threads(capture));
  EXPECT_EQ(rows.at("test.worker").self_bytes, static_cast<std::uint64_t>(calls * (100 + 101 + 102 + 103)));
  EXPECT_EQ(rows.at("test.worker").cumulative_bytes,
            static_cast<std::uint64_t>(calls * (100 + 101 + 102 + 103) + threads * calls * 234));
  // A region on another thread is not nested in the main thread's: spawn allocates only
  // what the main thread did (its std::thread objects), not the workers' bytes.
  EXPECT_LT(rows.at("test.spawn").cumulative_bytes, static_cast<std::uint64_t>(calls * 100));
}

// Every span of a thread lies inside the span one level up that encloses it.
TEST(Profile, SpansNestPerThread) {
  start_session({.record_spans = true});
  for (int i = 0; i < 2; ++i) outer();
  recurse(3);
  const Capture capture = stop_session();
  ASSERT_EQ(capture.threads.size(), 1u);
  auto spans = capture.threads[0].spans;
  ASSERT_EQ(spans.size(), 2u * 5 + 3);
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start_ns != b.start_ns ? a.start_ns < b.start_ns : a.depth < b.depth; });
  std::vector<Span> open;
  for (const auto& span : spans) {
    while (!open.empty() && open.back().end_ns <= span.start_ns && open.back().depth >= span.depth) open.pop_back();
    while (!open.empty() && open.back().depth >= span.depth) open.pop_back();
    ASSERT_EQ(span.depth, open.size());
    if (!open.empty()) {
      EXPECT_GE(span.start_ns, open.back().start_ns);
      EXPECT_LE(span.end_ns, open.back().end_ns);
    }
    EXPECT_LE(span.start_ns, span.end_ns);
    open.push_back(span);
  }
}

TEST(Profile, TraceNamesProcessesAndThreads) {
  start_session({.record_spans = true});
  name_this_thread("main");
  std::thread([] {
    name_this_thread("helper");
    inner();
  }).join();
  const Capture capture = stop_session();
  std::ostringstream out;
  write_chrome_trace(out, {{42, "synthetic", &capture}});
  const std::string json = out.str();
  EXPECT_NE(json.find(R"({"name":"process_name","ph":"M","pid":42,"tid":0,"args":{"name":"synthetic"}})"), std::string::npos);
  EXPECT_NE(json.find(R"("args":{"name":"helper"})"), std::string::npos);
  EXPECT_NE(json.find(R"({"name":"test.inner","cat":"region","ph":"X","pid":42,)"), std::string::npos);
  EXPECT_NE(json.find(R"("ph":"C")"), std::string::npos);
}

TEST(Profile, SortKeysOrderTheTable) {
  RegionTable table;
  table.rows = {{"b", 1, 0.5, 3.0}, {"a", 7, 0.1, 1.0}, {"c", 2, 2.0, 2.0}};
  const auto names = [&](SortKey key) {
    auto rows = table.rows;
    sort_rows(rows, key);
    std::string order;
    for (const auto& r : rows) order += r.name;
    return order;
  };
  EXPECT_EQ(names(SortKey::cumtime), "bca");
  EXPECT_EQ(names(SortKey::tottime), "cba");
  EXPECT_EQ(names(SortKey::ncalls), "acb");
  EXPECT_EQ(names(SortKey::name), "abc");
  EXPECT_EQ(parse_sort_key("tottime"), SortKey::tottime);
  EXPECT_THROW(parse_sort_key("percall"), Error);
  const std::string text = format_call_table(table, SortKey::cumtime);
  EXPECT_NE(text.find("   ncalls  tottime  percall  cumtime  percall region\n"), std::string::npos);
  EXPECT_NE(text.find("        1    0.500    0.500    3.000    3.000 b\n"), std::string::npos);
}

TEST(Profile, RanksMergeIntoMinMeanMax) {
  std::vector<RegionTable> ranks(3);
  for (int k = 0; k < 3; ++k) {
    ranks[k].rows.push_back(RegionRow{"step", static_cast<std::uint64_t>(10 * (k + 1)), 0, 1.0 + k, 0, 0,
                                      static_cast<std::uint64_t>(1000 * (k + 1)), 0});
    if (k == 1) ranks[k].rows.push_back(RegionRow{"only_rank_1", 1, 0, 0.5});
  }
  const RankTable merged = merge_ranks(ranks);
  EXPECT_EQ(merged.ranks, 3u);
  ASSERT_EQ(merged.rows.size(), 2u);
  const RankRow& step = merged.rows[0];
  EXPECT_EQ(step.name, "step");
  EXPECT_EQ(step.ranks, 3u);
  EXPECT_DOUBLE_EQ(step.ncalls.min, 10);
  EXPECT_DOUBLE_EQ(step.ncalls.mean, 20);
  EXPECT_DOUBLE_EQ(step.ncalls.max, 30);
  EXPECT_DOUBLE_EQ(step.cumtime.mean, 2.0);
  EXPECT_DOUBLE_EQ(step.peak_rss.max, 3000);
  EXPECT_EQ(merged.rows[1].ranks, 1u);
  EXPECT_NE(format_rank_table(merged).find("only_rank_1"), std::string::npos);
}

}  // namespace
}  // namespace hpcpp::profile

namespace hpcpp::profile {
namespace {

TEST(Profile, CaptureBytesRoundTripAndRefuseTruncation) {
  start_session({.record_spans = true});
  name_this_thread("main");
  for (int i = 0; i < 2; ++i) outer();
  std::thread([] { outer(); }).join();
  const Capture capture = stop_session();
  const std::string bytes = capture_to_bytes(capture);
  const Capture back = capture_from_bytes(bytes);
  EXPECT_EQ(capture_to_bytes(back), bytes);
  ASSERT_EQ(back.threads.size(), capture.threads.size());
  EXPECT_EQ(back.site_names, capture.site_names);
  EXPECT_EQ(back.threads[0].name, capture.threads[0].name);
  EXPECT_EQ(back.threads[0].spans.size(), capture.threads[0].spans.size());
  const auto a = merge_threads(capture), b = merge_threads(back);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].name, b.rows[i].name);
    EXPECT_EQ(a.rows[i].ncalls, b.rows[i].ncalls);
    EXPECT_EQ(a.rows[i].cumtime, b.rows[i].cumtime);
  }
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_THROW(capture_from_bytes(std::string_view(bytes).substr(0, cut)), Error) << cut;
  EXPECT_THROW(capture_from_bytes(bytes + "x"), Error);
}

}  // namespace
}  // namespace hpcpp::profile
