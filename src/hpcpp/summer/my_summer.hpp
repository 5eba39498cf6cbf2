#pragma once
#include <cstdint>

namespace hpcpp::summer {

// The lecture's my_summer(start, stop): tot = 0; for i in range(start, stop): tot += i.
// Every addition really happens, one after the other: the compiler is kept from turning
// the loop into a formula or from vectorizing it away.
std::int64_t my_summer(std::int64_t start, std::int64_t stop);

// What my_summer must return, from the closed form (stop-start terms of an arithmetic series).
std::int64_t summer_expected(std::int64_t start, std::int64_t stop);

}  // namespace hpcpp::summer
