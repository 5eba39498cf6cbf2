#include "hpcpp/mpi/environment.hpp"

#include <fmt/core.h>
#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>
#include <new>
#include <thread>

#include "hpcpp/core/error.hpp"

namespace hpcpp::mpi {
namespace {

// When every rank fails the same way (a bad parameter file read by all), rank 0 reports
// and aborts the job; another rank waits this long for that abort before it reports its
// own failure, which then is one that rank 0 did not see.
constexpr auto grace_for_rank_zero = std::chrono::seconds(2);

std::vector<std::function<void(const Environment&)>>& finalize_hooks() {
  static std::vector<std::function<void(const Environment&)>> hooks;
  return hooks;
}

std::string message_of(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

}  // namespace

bool built_with_mpi() { return true; }

bool in_job() {
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  return initialized && !finalized;
}

Place place_in_job() {
  Place place{0, 1};
  if (!in_job()) return place;
  MPI_Comm_rank(MPI_COMM_WORLD, &place.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &place.size);
  return place;
}

Environment::Environment(std::string_view needed_by) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized) throw Error(fmt::format("{}: MPI is already initialised in this process", needed_by));
  int provided = MPI_THREAD_SINGLE;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    throw Error(fmt::format("{}: MPI_Init_thread failed", needed_by));
  // Errors in MPI calls end the job with MPI's own message (the default handler): a rank
  // that returned from a failed call could only leave the others waiting.
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw Error(fmt::format("{}: this MPI library does not support threads (MPI_THREAD_FUNNELED)", needed_by));
  }
}

Environment::~Environment() {
  auto hooks = std::move(finalize_hooks());
  finalize_hooks().clear();
  for (const auto& hook : hooks) {
    try {
      hook(*this);
    } catch (const std::exception& e) {
      fmt::print(stderr, "hpcpp: rank {}: {}\n", rank_, e.what());
    }
  }
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

void before_finalize(std::function<void(const Environment&)> hook) { finalize_hooks().push_back(std::move(hook)); }

std::vector<std::string> gather_bytes_at_rank_zero(const std::string& bytes, const Environment& env) {
  const int length = static_cast<int>(bytes.size());
  std::vector<int> lengths(env.rank() == 0 ? env.size() : 0);
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(lengths.size());
  std::string all;
  if (env.rank() == 0) {
    long total = 0;
    for (std::size_t r = 0; r < lengths.size(); ++r) {
      offsets[r] = static_cast<int>(total);
      total += lengths[r];
    }
    if (total > std::numeric_limits<int>::max()) throw Error("the ranks' reports are too large to gather (over 2 GiB)");
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(bytes.data(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(), MPI_BYTE, 0, MPI_COMM_WORLD);
  std::vector<std::string> per_rank;
  for (std::size_t r = 0; r < lengths.size(); ++r) per_rank.push_back(all.substr(offsets[r], lengths[r]));
  return per_rank;
}

void Environment::run_or_abort(const std::function<void()>& body) const {
  try {
    body();
    return;
  } catch (...) {
    if (size_ == 1) throw;
    const std::string message = message_of(std::current_exception());
    std::cout.flush();
    if (rank_ != 0) {
      std::this_thread::sleep_for(grace_for_rank_zero);
      fmt::print(stderr, "hpcpp: rank {}: {}\n", rank_, message);
    } else {
      fmt::print(stderr, "hpcpp: {}\n", message);
    }
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, 2);
    std::_Exit(2);  // MPI_Abort does not return; should it, leave anyway
  }
}

}  // namespace hpcpp::mpi
