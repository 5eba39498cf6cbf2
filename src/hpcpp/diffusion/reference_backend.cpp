// The lecture's algorithm as written: one loop nest fills a Laplacian array, a second
// applies the update into the other buffer, then the buffers swap.
#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

class ReferenceBackend final : public Backend {
 public:
  explicit ReferenceBackend(const Problem& problem) : coefficient_(problem.coefficient) {}

  void advance(Field& dens, std::int64_t steps) override {
    match_shape(next_, dens);
    match_shape(lap_, dens);
    const std::int64_t nrows = dens.rows() - 2, ncols = dens.cols() - 2;
    for (std::int64_t s = 0; s < steps; ++s) {
      HPCPP_PROFILE_REGION("reference.step");
      {
        HPCPP_PROFILE_REGION("reference.laplacian");
        for (std::int64_t i = 1; i <= nrows; ++i)
          for (std::int64_t j = 1; j <= ncols; ++j)
            lap_.at(i, j) = dens.at(i + 1, j) + dens.at(i - 1, j) + dens.at(i, j + 1) + dens.at(i, j - 1) -
                            4 * dens.at(i, j);
      }
      {
        HPCPP_PROFILE_REGION("reference.update");
        for (std::int64_t i = 1; i <= nrows; ++i)
          for (std::int64_t j = 1; j <= ncols; ++j) next_.at(i, j) = dens.at(i, j) + coefficient_ * lap_.at(i, j);
      }
      dens.swap(next_);
    }
  }

 private:
  double coefficient_;
  Field next_;
  Field lap_;
};

}  // namespace

std::unique_ptr<Backend> make_reference_backend(const Problem& problem, const BackendOptions&) {
  return std::make_unique<ReferenceBackend>(problem);
}

}  // namespace hpcpp::diffusion
