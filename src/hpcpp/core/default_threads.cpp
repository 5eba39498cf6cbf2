#include "hpcpp/core/default_threads.hpp"

#include <fmt/core.h>
#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "hpcpp/core/decimal_integer.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/thread_limit.hpp"

namespace hpcpp {

int thread_count_or_default(int requested, std::string_view what) {
  if (requested == 0) return default_thread_count();
  check_thread_count(requested, what);
  return requested;
}

int default_thread_count() {
  const char* text = std::getenv("OMP_NUM_THREADS");
  if (text == nullptr) return cores_per_rank();
  const auto count = decimal_integer(text);
  if (!count || !is_thread_count(*count))
    throw Error(fmt::format("OMP_NUM_THREADS: must be {}, got {}", thread_count_rule(),
                            *text == '\0' ? std::string("nothing") : printable(text)));
  return static_cast<int>(*count);
}

int cores_per_rank() { return std::max(1, usable_cores() / ranks_on_this_node()); }

int usable_cores() {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) return std::max(1, CPU_COUNT(&allowed));
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int ranks_on_this_node() {
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"}) {
    const char* text = std::getenv(name);
    if (text == nullptr) continue;
    if (const auto ranks = decimal_integer(text); ranks && *ranks >= 1) return static_cast<int>(std::min<std::int64_t>(*ranks, 1 << 20));
  }
  return 1;
}

}  // namespace hpcpp
