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
  int threads = 0;                 // 0: OMP_NUM_THREADS or all cores
  std::string halo = "sendrecv";   // the mpi backend's halo exchange (halo_exchange.hpp)
};

class Backend {
 public:
  virtual ~Backend() = default;
  // Advances `field` (boundaries zero) by `steps` time steps, in place.
  virtual void advance(Field& field, std::int64_t steps) = 0;
  // A backend that keeps the field elsewhere between calls (spread over MPI ranks) copies
  // it into `field` here; the driver calls this before it reads the field.
  virtual void fetch(Field& /*field*/) {}
  // False on the ranks of a distributed backend that leave printing and writing to rank 0.
  virtual bool writes_output() const { return true; }
  // What the backend measured, for --verbose (empty if nothing). Every rank calls it.
  virtual std::string report() { return {}; }
};

using BackendFactory = std::function<std::unique_ptr<Backend>(const Problem&, const BackendOptions&)>;

struct BackendInfo {
  std::string name;
  std::string description;
  BackendFactory make;
  bool needs_mpi_job = false;  // made inside an MPI job only (mpi::Environment)
};

const std::vector<BackendInfo>& backends();
std::string default_backend_name();
// The backends that run on the calling thread alone, whatever BackendOptions::threads says.
bool runs_on_one_thread(std::string_view backend);
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
// Needs a live mpi::Environment; throws hpcpp::Error otherwise (or in a build without MPI).
std::unique_ptr<Backend> make_mpi_backend(const Problem&, const BackendOptions&);

}  // namespace hpcpp::diffusion
