#pragma once
// The tables --profile prints: cProfile's columns for time, and memory_profiler's idea
// (usage and increment) per region for memory.
#include <string>

#include "hpcpp/profile/region_table.hpp"

namespace hpcpp::profile {

std::string format_call_table(const RegionTable& table, SortKey key);
std::string format_memory_table(const RegionTable& table, SortKey key);
std::string format_rank_table(const RankTable& table);

}  // namespace hpcpp::profile
