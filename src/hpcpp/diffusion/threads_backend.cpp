// OpenMP over pairs of rows with the vector rows kernel. One parallel region spans all the steps of
// a call; the static schedule gives each thread the same rows every step, and the scratch
// field is first touched by the thread that will write it (page placement on NUMA
// machines). Rows are whole cache lines apart (the field pads them), so no two threads
// write the same line.
#include <omp.h>

#include <algorithm>

#include "hpcpp/diffusion/backend.hpp"
#include "hpcpp/diffusion/cache_sizes.hpp"
#include "hpcpp/diffusion/row_kernels.hpp"
#include "hpcpp/diffusion/thread_count.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::diffusion {
namespace {

class ThreadsBackend final : public Backend {
 public:
  ThreadsBackend(const Problem& problem, int threads)
      : coefficient_(problem.coefficient), threads_(threads) {}

  void advance(Field& dens, std::int64_t steps) override {
    if (next_.rows() != dens.rows() || next_.cols() != dens.cols()) allocate_first_touched(dens);
    const std::int64_t nrows = dens.rows() - 2, ncols = dens.cols() - 2;
    const SimdLevel level = detect_simd_level();
    const RowsKernel rows = streaming_stores_pay_off(dens) ? streaming_rows_kernel(level) : rows_kernel(level);
    const std::int64_t pairs = (nrows + 1) / 2;
    Field* current = &dens;
    Field* next = &next_;
#pragma omp parallel num_threads(threads_) firstprivate(current, next)
    {
      HPCPP_PROFILE_REGION("threads.steps");
      for (std::int64_t s = 0; s < steps; ++s) {
#pragma omp for schedule(static)
        for (std::int64_t p = 0; p < pairs; ++p) {
          const std::int64_t i = 1 + 2 * p, count = std::min<std::int64_t>(2, nrows + 1 - i);
          const double* in[] = {current->row(i - 1), current->row(i), current->row(i + 1), current->row(i + count)};
          double* out[] = {next->row(i), next->row(i + 1)};
          rows(in, out, count, 1, ncols + 1, coefficient_);
        }
        std::swap(current, next);
      }
    }
    if (steps % 2 == 1) dens.swap(next_);
  }

 private:
  void allocate_first_touched(const Field& like) {
    next_ = Field(like.rows(), like.cols());
    const std::int64_t rows = like.rows();
    Field& next = next_;
#pragma omp parallel for schedule(static) num_threads(threads_)
    for (std::int64_t i = 0; i < rows; ++i)
      for (std::int64_t j = 0; j < next.stride(); ++j) next.row(i)[j] = 0.0;
  }

  double coefficient_;
  int threads_;
  Field next_;
};

}  // namespace

std::unique_ptr<Backend> make_threads_backend(const Problem& problem, const BackendOptions& options) {
  return std::make_unique<ThreadsBackend>(problem, resolve_thread_count(options.threads));
}

}  // namespace hpcpp::diffusion
