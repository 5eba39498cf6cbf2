#include "hpcpp/diffusion/exact_solution.hpp"

#include <cmath>
#include <numbers>
#include <vector>

namespace hpcpp::diffusion {
namespace {

using Matrix = std::vector<long double>;  // n x n, row-major

// out = S * in * S^T with S[k][i] = sin((k+1)(i+1) pi/(n+1)): the 2D discrete sine transform.
Matrix sine_transform_2d(const Matrix& in, std::size_t n) {
  Matrix s(n * n);
  const long double pi = std::numbers::pi_v<long double>;
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i) s[k * n + i] = std::sin((k + 1) * (i + 1) * pi / (n + 1));
  Matrix half(n * n, 0.0L), out(n * n, 0.0L);
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) half[k * n + j] += s[k * n + i] * in[i * n + j];
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t l = 0; l < n; ++l)
      for (std::size_t j = 0; j < n; ++j) out[k * n + l] += half[k * n + j] * s[l * n + j];
  return out;
}

}  // namespace

Field exact_discrete_solution(const Field& initial, double coefficient, std::int64_t steps) {
  const auto n = static_cast<std::size_t>(initial.rows() - 2);
  Matrix interior(n * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) interior[i * n + j] = initial.at(static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(j + 1));

  Matrix modes = sine_transform_2d(interior, n);
  const long double pi = std::numbers::pi_v<long double>;
  const long double norm = 2.0L / (n + 1);
  for (std::size_t k = 0; k < n; ++k) {
    const long double sk = std::sin((k + 1) * pi / (2 * (n + 1)));
    for (std::size_t l = 0; l < n; ++l) {
      const long double sl = std::sin((l + 1) * pi / (2 * (n + 1)));
      const long double growth = 1 - 4 * static_cast<long double>(coefficient) * (sk * sk + sl * sl);
      modes[k * n + l] *= std::pow(growth, static_cast<long double>(steps)) * norm * norm;
    }
  }
  const Matrix values = sine_transform_2d(modes, n);

  Field result(initial.rows());
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      result.at(static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(j + 1)) = static_cast<double>(values[i * n + j]);
  return result;
}

}  // namespace hpcpp::diffusion
