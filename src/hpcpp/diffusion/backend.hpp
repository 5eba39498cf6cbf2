#pragma once
// A diffusion backend owns only the arithmetic: it advances the field by k steps at a
// time (between two outputs), so blocked, GPU and MPI backends can reorganise the work.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/problem.hpp"

namespace hpcpp::diffusion {

struct BackendOptions {
  int threads = 0;  // 0: OMP_NUM_THREADS or all cores
};

class Backend {
 public:
  virtual ~Backend() = default;
  // Advances `field` (boundaries zero) by `steps` time steps, in place.
  virtual void advance(Field& field, std::int64_t steps) = 0;
};

using BackendFactory = std::function<std::unique_ptr<Backend>(const Problem&, const BackendOptions&)>;

struct BackendInfo {
  std::string name;
  std::string description;
  BackendFactory make;
};

const std::vector<BackendInfo>& backends();
std::string default_backend_name();
// Throws hpcpp::Error for an unknown name, naming the closest known one.
std::unique_ptr<Backend> make_backend(std::string_view name, const Problem& problem,
                                      const BackendOptions& options = {});

std::unique_ptr<Backend> make_reference_backend(const Problem&, const BackendOptions&);
std::unique_ptr<Backend> make_fused_backend(const Problem&, const BackendOptions&);
std::unique_ptr<Backend> make_simd_backend(const Problem&, const BackendOptions&);
std::unique_ptr<Backend> make_threads_backend(const Problem&, const BackendOptions&);
std::unique_ptr<Backend> make_blocked_backend(const Problem&, const BackendOptions&);

// The backend `auto` runs for this grid and thread count, with the reason.
struct BackendChoice {
  std::string name;
  std::string reason;
};
BackendChoice choose_backend(const Problem& problem, const BackendOptions& options);
std::unique_ptr<Backend> make_expr_backend(const Problem&, const BackendOptions&);

}  // namespace hpcpp::diffusion
