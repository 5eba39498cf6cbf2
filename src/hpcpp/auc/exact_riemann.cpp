#include "hpcpp/auc/exact_riemann.hpp"

namespace hpcpp::auc {

// dx^k * sum_{i<n} i^k with dx = 3/n, for the three powers of the curve:
//   sum i   = n(n-1)/2          -> dx   * sum i   = 3(n-1)/(2n)
//   sum i^2 = (n-1)n(2n-1)/6    -> dx^2 * sum i^2 = 9(n-1)(2n-1)/(6n^2)
//   sum i^3 = (n(n-1)/2)^2      -> dx^3 * sum i^3 = 27(n-1)^2/(4n^2)
// area = dx * sum (0.7 x^3 - 2 x^2 + 4) = 0.7*3*27(n-1)^2/(4n^2) - 2*3*9(n-1)(2n-1)/(6n^2) + 12
long double exact_left_riemann(std::int64_t n) {
  const auto m = static_cast<unsigned __int128>(n - 1);
  const auto nn = static_cast<unsigned __int128>(n) * static_cast<unsigned __int128>(n);
  const auto cubic = static_cast<long double>(m * m) / static_cast<long double>(nn);            // (n-1)^2/n^2
  const auto square = static_cast<long double>(m * (2 * m + 1)) / static_cast<long double>(nn);  // (n-1)(2n-1)/n^2
  return 0.7L * 81.0L / 4.0L * cubic - 9.0L * square + 12.0L;
}

}  // namespace hpcpp::auc
