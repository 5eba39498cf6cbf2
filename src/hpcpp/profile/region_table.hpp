#pragma once
// A session's regions merged over threads (one row per region name), and several
// processes' tables merged over ranks (min / mean / max per region).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpp/profile/capture.hpp"

namespace hpcpp::profile {

struct RegionRow {
  std::string name;
  std::uint64_t ncalls = 0;
  double tottime = 0;  // seconds, summed over threads
  double cumtime = 0;
  std::uint64_t self_bytes = 0;
  std::uint64_t cumulative_bytes = 0;
  std::uint64_t peak_rss = 0;
  // Resident set is the process's, not the thread's: the increment is the largest any one
  // thread saw across its calls, so a region run on every thread is not counted N times.
  std::int64_t rss_increment = 0;
};

struct RegionTable {
  std::vector<RegionRow> rows;
  std::size_t threads = 0;
  double wall_seconds = 0;
  std::uint64_t peak_rss = 0;
  bool allocation_hook = false;
};

RegionTable merge_threads(const Capture& capture);

enum class SortKey { cumtime, tottime, ncalls, name };
SortKey parse_sort_key(std::string_view text);  // throws Error naming the choices
const char* sort_key_description(SortKey key);
void sort_rows(std::vector<RegionRow>& rows, SortKey key);

// min / mean / max over the ranks that entered a region (`ranks` says how many did).
struct Spread {
  double min = 0, mean = 0, max = 0;
};

struct RankRow {
  std::string name;
  std::size_t ranks = 0;
  Spread ncalls, tottime, cumtime, cumulative_bytes, peak_rss;
};

struct RankTable {
  std::vector<RankRow> rows;
  std::size_t ranks = 0;
};

RankTable merge_ranks(const std::vector<RegionTable>& per_rank);

}  // namespace hpcpp::profile
