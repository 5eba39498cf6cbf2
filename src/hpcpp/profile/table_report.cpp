#include "hpcpp/profile/table_report.hpp"

#include <fmt/core.h>

namespace hpcpp::profile {
namespace {

double mib(double bytes) { return bytes / (1024.0 * 1024.0); }

double per_call(double seconds, std::uint64_t calls) { return calls ? seconds / static_cast<double>(calls) : 0; }

std::vector<RegionRow> sorted(const RegionTable& table, SortKey key) {
  auto rows = table.rows;
  sort_rows(rows, key);
  return rows;
}

}  // namespace

std::string format_call_table(const RegionTable& table, SortKey key) {
  std::uint64_t calls = 0;
  for (const auto& row : table.rows) calls += row.ncalls;
  std::string text = fmt::format("\n{:>9} region calls in {:.3f} seconds on {} thread{}\n\n", calls, table.wall_seconds,
                                 table.threads, table.threads == 1 ? "" : "s");
  text += fmt::format("   Ordered by: {}{}\n\n", sort_key_description(key),
                      table.threads > 1 ? " (times summed over threads)" : "");
  text += "   ncalls  tottime  percall  cumtime  percall region\n";
  for (const auto& row : sorted(table, key))
    text += fmt::format("{:>9} {:8.3f} {:8.3f} {:8.3f} {:8.3f} {}\n", row.ncalls, row.tottime,
                        per_call(row.tottime, row.ncalls), row.cumtime, per_call(row.cumtime, row.ncalls), row.name);
  return text;
}

std::string format_memory_table(const RegionTable& table, SortKey key) {
  std::string text = fmt::format("\n   Memory (MiB): peak resident set {:.1f}", mib(static_cast<double>(table.peak_rss)));
  text += table.allocation_hook ? "; allocations counted through operator new\n\n"
                                : "; allocations not counted (no allocation hook in this program)\n\n";
  text += "      alloc  cum alloc   peak RSS   RSS incr region\n";
  for (const auto& row : sorted(table, key))
    text += fmt::format("{:>11.3f}{:>11.3f}{:>11.1f}{:>11.1f} {}\n", mib(static_cast<double>(row.self_bytes)),
                        mib(static_cast<double>(row.cumulative_bytes)), mib(static_cast<double>(row.peak_rss)),
                        mib(static_cast<double>(row.rss_increment)), row.name);
  return text;
}

std::string format_rank_table(const RankTable& table) {
  std::string text = fmt::format("\n   Over {} ranks: min / mean / max per region (seconds; MiB)\n\n", table.ranks);
  text += "  ranks   ncalls (min/mean/max)        cumtime (min/mean/max)     peak RSS (min/mean/max) region\n";
  for (const auto& row : table.rows)
    text += fmt::format("{:>7} {:>8.0f} {:>8.1f} {:>8.0f}   {:>8.3f} {:>8.3f} {:>8.3f}   {:>7.1f} {:>7.1f} {:>7.1f}  {}\n",
                        row.ranks, row.ncalls.min, row.ncalls.mean, row.ncalls.max, row.cumtime.min, row.cumtime.mean,
                        row.cumtime.max, mib(row.peak_rss.min), mib(row.peak_rss.mean), mib(row.peak_rss.max), row.name);
  return text;
}

}  // namespace hpcpp::profile
