#include "hpcpp/summer/my_summer.hpp"

namespace hpcpp::summer {

std::int64_t my_summer(std::int64_t start, std::int64_t stop) {
  // The bound read through a volatile is unknown at compile time, and the empty asm makes
  // the running total opaque after each addition.
  const volatile std::int64_t opaque_stop = stop;
  const std::int64_t end = opaque_stop;
  std::int64_t tot = 0;
  for (std::int64_t i = start; i < end; ++i) {
    tot += i;
    asm volatile("" : "+r"(tot));
  }
  return tot;
}

std::int64_t summer_expected(std::int64_t start, std::int64_t stop) {
  if (stop <= start) return 0;
  const auto count = static_cast<__int128>(stop - start);
  return static_cast<std::int64_t>(count * (start + stop - 1) / 2);
}

}  // namespace hpcpp::summer
