#include "hpcpp/profile/region_table.hpp"

#include <algorithm>
#include <map>

#include "hpcpp/core/error.hpp"

namespace hpcpp::profile {

RegionTable merge_threads(const Capture& capture) {
  std::map<std::string, RegionRow> rows;
  for (const auto& thread : capture.threads) {
    for (std::size_t site = 0; site < thread.regions.size(); ++site) {
      const RegionTotals& t = thread.regions[site];
      if (t.calls == 0) continue;
      RegionRow& row = rows[capture.site_names.at(site)];
      row.ncalls += t.calls;
      row.tottime += static_cast<double>(t.self_ns) * 1e-9;
      row.cumtime += static_cast<double>(t.cumulative_ns) * 1e-9;
      row.self_bytes += t.self_bytes;
      row.cumulative_bytes += t.cumulative_bytes;
      row.peak_rss = std::max(row.peak_rss, t.peak_rss);
      row.rss_increment = std::max(row.rss_increment, t.rss_increment);
    }
  }
  RegionTable table;
  for (auto& [name, row] : rows) {
    row.name = name;
    table.rows.push_back(std::move(row));
  }
  table.threads = capture.threads.size();
  table.wall_seconds = static_cast<double>(capture.wall_ns) * 1e-9;
  for (const auto& point : capture.rss) table.peak_rss = std::max(table.peak_rss, point.bytes);
  table.allocation_hook = capture.allocation_hook;
  return table;
}

SortKey parse_sort_key(std::string_view text) {
  if (text == "cumtime") return SortKey::cumtime;
  if (text == "tottime") return SortKey::tottime;
  if (text == "ncalls") return SortKey::ncalls;
  if (text == "name") return SortKey::name;
  throw Error("--profile-sort '" + std::string(text) + "': expected tottime, cumtime, ncalls or name");
}

const char* sort_key_description(SortKey key) {
  switch (key) {
    case SortKey::cumtime: return "cumulative time";
    case SortKey::tottime: return "internal time";
    case SortKey::ncalls: return "call count";
    case SortKey::name: return "region name";
  }
  return "";
}

void sort_rows(std::vector<RegionRow>& rows, SortKey key) {
  const auto by_name = [](const RegionRow& a, const RegionRow& b) { return a.name < b.name; };
  std::stable_sort(rows.begin(), rows.end(), by_name);
  switch (key) {
    case SortKey::cumtime:
      std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.cumtime > b.cumtime; });
      break;
    case SortKey::tottime:
      std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.tottime > b.tottime; });
      break;
    case SortKey::ncalls:
      std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.ncalls > b.ncalls; });
      break;
    case SortKey::name: break;
  }
}

namespace {

class SpreadAccumulator {
 public:
  void add(double value) {
    min_ = count_ == 0 ? value : std::min(min_, value);
    max_ = count_ == 0 ? value : std::max(max_, value);
    sum_ += value;
    ++count_;
  }
  Spread spread() const { return {min_, count_ ? sum_ / static_cast<double>(count_) : 0, max_}; }
  std::size_t count() const { return count_; }

 private:
  double min_ = 0, max_ = 0, sum_ = 0;
  std::size_t count_ = 0;
};

struct RankAccumulator {
  SpreadAccumulator ncalls, tottime, cumtime, cumulative_bytes, peak_rss;
};

}  // namespace

RankTable merge_ranks(const std::vector<RegionTable>& per_rank) {
  std::map<std::string, RankAccumulator> merged;
  for (const auto& table : per_rank) {
    for (const auto& row : table.rows) {
      auto& acc = merged[row.name];
      acc.ncalls.add(static_cast<double>(row.ncalls));
      acc.tottime.add(row.tottime);
      acc.cumtime.add(row.cumtime);
      acc.cumulative_bytes.add(static_cast<double>(row.cumulative_bytes));
      acc.peak_rss.add(static_cast<double>(row.peak_rss));
    }
  }
  RankTable result;
  result.ranks = per_rank.size();
  for (const auto& [name, acc] : merged)
    result.rows.push_back(RankRow{name, acc.ncalls.count(), acc.ncalls.spread(), acc.tottime.spread(),
                                  acc.cumtime.spread(), acc.cumulative_bytes.spread(), acc.peak_rss.spread()});
  std::stable_sort(result.rows.begin(), result.rows.end(),
                   [](const RankRow& a, const RankRow& b) { return a.cumtime.max > b.cumtime.max; });
  return result;
}

}  // namespace hpcpp::profile
