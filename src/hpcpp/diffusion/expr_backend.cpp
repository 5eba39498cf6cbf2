// The stencil written as one array expression over slices of the field, compiled once by
// hpcpp::expr and evaluated in blocks on its thread pool. The expression keeps the order
// of operations of stencil.hpp, so the result is bit-identical to `reference`.
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/expr/expr.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

constexpr const char* stencil_expression =
    "u[1:-1,1:-1] + c*(u[2:,1:-1] + u[:-2,1:-1] + u[1:-1,2:] + u[1:-1,:-2] - 4*u[1:-1,1:-1])";

expr::ArrayRef whole(Field& f) {
  constexpr auto item = static_cast<std::int64_t>(sizeof(double));
  return expr::ArrayRef{f.data(), expr::DType::Float64, {f.rows(), f.cols()}, {f.stride() * item, item}};
}

expr::ArrayRef interior(Field& f) {
  constexpr auto item = static_cast<std::int64_t>(sizeof(double));
  return expr::ArrayRef{f.row(1) + 1, expr::DType::Float64, {f.rows() - 2, f.cols() - 2}, {f.stride() * item, item}};
}

class ExprBackend final : public Backend {
 public:
  ExprBackend(const Problem& problem, const BackendOptions& options)
      : coefficient_(problem.coefficient),
        options_{options.threads},
        program_(expr::compile(stencil_expression, {{"u", expr::DType::Float64}, {"c", expr::DType::Float64}})) {}

  void advance(Field& dens, std::int64_t steps) override {
    match_shape(next_, dens);
    for (std::int64_t s = 0; s < steps; ++s) {
      HPCPP_PROFILE_REGION("expr_backend.step");
      const expr::Bindings inputs{{"u", whole(dens)}, {"c", expr::ArrayRef::scalar(&coefficient_, expr::DType::Float64)}};
      expr::evaluate(program_, inputs, interior(next_), options_);
      dens.swap(next_);
    }
  }

 private:
  double coefficient_;
  expr::EvaluateOptions options_;
  expr::Program program_;
  Field next_;
};

}  // namespace

std::unique_ptr<Backend> make_expr_backend(const Problem& problem, const BackendOptions& options) {
  return std::make_unique<ExprBackend>(problem, options);
}

}  // namespace hpcpp::diffusion
