#include "hpcpp/mpi/disjoint_slots.hpp"

#include <cmath>
#include <cstring>
#include <vector>

#include "hpcpp/core/even_split.hpp"
#include "mpi_fixtures.hpp"

namespace hpcpp::mpi {
namespace {

TEST(DisjointSlots, EverySlotKeepsItsOwnersBitsExactly) {
  const auto& env = test_environment();
  constexpr std::int64_t slots = 101;
  const auto value = [](std::int64_t k) { return std::ldexp(1.0 / 3.0 + static_cast<double>(k), static_cast<int>(k % 60) - 30); };
  std::vector<double> buffer(slots, 0.0);
  const IndexRange mine = even_split(slots, env.size(), env.rank());
  for (auto k = mine.begin; k < mine.end; ++k) buffer[static_cast<std::size_t>(k)] = value(k);
  combine_disjoint_slots(buffer);
  for (std::int64_t k = 0; k < slots; ++k) {
    const double expected = value(k);
    EXPECT_EQ(std::memcmp(&buffer[static_cast<std::size_t>(k)], &expected, sizeof expected), 0) << "slot " << k;
  }
}

}  // namespace
}  // namespace hpcpp::mpi
