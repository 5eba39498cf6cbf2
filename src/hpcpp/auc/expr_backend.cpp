// auc through the expression engine: the curve is a compiled string, evaluated on blocks of
// x = i*dx by hpcpp::expr's threads; the block's terms go into one compensated sum.
#include <vector>

#include "hpcpp/auc/backend.hpp"
#include "hpcpp/auc/compensated_sum.hpp"
#include "hpcpp/auc/curve.hpp"
#include "hpcpp/expr/expr.hpp"

namespace hpcpp::auc {

double expr_area(const AucOptions& options) {
  using expr::ArrayRef;
  using expr::DType;
  constexpr std::int64_t block = 1 << 16;
  const std::int64_t n = options.n;
  double dx = x_end / static_cast<double>(n);
  const expr::Program program =
      expr::compile("(0.7*x*x*x - 2.0*x*x + 4.0)*dx", {{"x", DType::Float64}, {"dx", DType::Float64}});
  std::vector<double> x(static_cast<std::size_t>(std::min(block, n))), terms(x.size());
  CompensatedSum total;
  for (std::int64_t begin = 0; begin < n; begin += block) {
    const std::int64_t count = std::min(block, n - begin);
    for (std::int64_t i = 0; i < count; ++i) x[static_cast<std::size_t>(i)] = static_cast<double>(begin + i) * dx;
    expr::evaluate(program,
                   {{"x", ArrayRef::contiguous(x.data(), DType::Float64, {count})},
                    {"dx", ArrayRef::scalar(&dx, DType::Float64)}},
                   ArrayRef::contiguous(terms.data(), DType::Float64, {count}), {.threads = effective_workers(options)});
    for (std::int64_t i = 0; i < count; ++i) total.add(terms[static_cast<std::size_t>(i)]);
  }
  return total.value();
}

}  // namespace hpcpp::auc
