#pragma once
// The auc backends: each computes the same left Riemann sum with its own technique. A
// registry maps names to them, so the command line, --list-backends and the tests
// enumerate them; a new technique is one more entry.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::auc {

struct AucOptions {
  std::int64_t n = 300'000'000;  // points
  int workers = 0;               // threads or processes; 0: hpcpp::default_thread_count()
};

using AucBackend = std::function<double(const AucOptions&)>;

// What AucOptions::workers counts for a backend: threads of this process, forked
// processes, or nothing (the command's --threads and --procs).
enum class Parallelism { none, threads, procs };

struct AucBackendInfo {
  std::string name;
  std::string description;
  AucBackend area;
  Parallelism parallelism = Parallelism::none;
};

const std::vector<AucBackendInfo>& auc_backends();
std::string default_auc_backend();
// The parallelism of the named backend; none for an unknown name.
Parallelism parallelism_of(std::string_view backend);

inline constexpr std::int64_t max_points = 1'000'000'000'000;

// Checks the options (n in [1, max_points], workers in [0, max_threads]) and runs the named
// backend.
// Throws hpcpp::Error for bad options or an unknown name (naming the closest one).
double area_under_curve(std::string_view backend, const AucOptions& options);

// The points of worker k of `workers`: [k*n/workers, (k+1)*n/workers), so that every
// point belongs to exactly one worker for any n and any worker count.
struct PointRange {
  std::int64_t begin, end;
};
PointRange worker_points(std::int64_t n, int workers, int k);
// options.workers, or hpcpp::default_thread_count() when it is 0.
int effective_workers(const AucOptions& options);

double serial_area(const AucOptions&);
double simd_area(const AucOptions&);
double threads_area(const AucOptions&);
double processes_area(const AucOptions&);
double expr_area(const AucOptions&);
// One share per MPI rank of the running job (hpcpp::mpi::Environment), reproducible.
double mpi_area(const AucOptions&);

}  // namespace hpcpp::auc
