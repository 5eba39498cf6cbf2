// A build without an MPI library: the MPI programs and backends exist, and say so.
#include <fmt/core.h>

#include "hpcpp/core/error.hpp"
#include "hpcpp/mpi/disjoint_slots.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "hpcpp/mpi/right_rank.hpp"

namespace hpcpp::mpi {

bool built_with_mpi() { return false; }

namespace {

Error no_mpi(std::string_view needed_by) {
  return Error(fmt::format("{}: this hpcpp was built without MPI (install libopenmpi-dev and rebuild with HPCPP_WITH_MPI=ON)",
                           needed_by));
}

}  // namespace

bool in_job() { return false; }
Place place_in_job() { return {0, 1}; }
Environment::Environment(std::string_view needed_by) { throw no_mpi(needed_by); }
Environment::~Environment() = default;
void before_finalize(std::function<void(const Environment&)>) {}
void all_ranks_set_up() {}
std::vector<std::string> gather_bytes_at_rank_zero(const std::string& bytes, const Environment&) { return {bytes}; }
void Environment::run_or_abort(const std::function<void()>& body) const { body(); }

int receive_right_rank(const Environment& env) { return env.rank(); }
std::vector<int> gather_at_rank_zero(int value, const Environment&) { return {value}; }
void combine_disjoint_slots(std::span<double>) {}

}  // namespace hpcpp::mpi
