#include "hpcpp/auc/backend.hpp"
#include "hpcpp/auc/riemann_kernels.hpp"

namespace hpcpp::auc {

double serial_area(const AucOptions& options) { return riemann_points(0, options.n, options.n).value(); }

double simd_area(const AucOptions& options) { return riemann_points_simd(0, options.n, options.n).value(); }

}  // namespace hpcpp::auc
