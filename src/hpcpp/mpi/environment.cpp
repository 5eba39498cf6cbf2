#include "hpcpp/mpi/environment.hpp"

#include <fmt/core.h>
#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <limits>
#include <new>
#include <optional>
#include <thread>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/exit_status_error.hpp"

namespace hpcpp::mpi {
namespace {

// A failure after the ranks began to exchange messages aborts the job. When every rank
// fails that way alike, rank 0 reports and aborts; another rank waits this long for that
// abort before it reports its own failure, which then is one that rank 0 did not see.
constexpr auto grace_for_rank_zero = std::chrono::seconds(2);
// A rank that fails before the first message waits this long for the other ranks to reach
// theirs (all_ranks_set_up) and learn of the failure; a rank that never does (it is stuck
// in a message to the failed one) is then ended by MPI_Abort.
constexpr auto patience_for_set_up = std::chrono::seconds(10);

// The agreement that ends the set-up of every rank: on its own communicator, so that it
// never matches a collective operation of the program.
struct SetUp {
  MPI_Comm comm = MPI_COMM_NULL;
  bool agreed = false;
};
SetUp& set_up() {
  static SetUp state;
  return state;
}

// The lowest rank that failed before its first message and that rank's exit code; a rank
// equal to the job's size when none did.
struct FirstFailure {
  int rank, exit_code;
};

// Every rank contributes whether it failed; nullopt when the others did not all arrive
// within `patience`.
std::optional<FirstFailure> agree_on_set_up(int failed_rank, int exit_code,
                                            std::optional<std::chrono::steady_clock::duration> patience) {
  set_up().agreed = true;
  int mine[2] = {failed_rank, exit_code};
  int first[2] = {0, 0};
  MPI_Request request;
  MPI_Iallreduce(mine, first, 1, MPI_2INT, MPI_MINLOC, set_up().comm, &request);
  if (!patience) {
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    return FirstFailure{first[0], first[1]};
  }
  const auto deadline = std::chrono::steady_clock::now() + *patience;
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return FirstFailure{first[0], first[1]};
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

int exit_code_of(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const ExitStatusError& e) {
    return e.exit_code();
  } catch (...) {
    return 2;
  }
}

// After the agreement found a failure: the reporting rank has printed its line before any
// rank leaves, since the launcher ends the whole job as soon as one rank exits non-zero.
[[noreturn]] void end_after_report(int exit_code) {
  MPI_Barrier(set_up().comm);
  throw JobFailed{exit_code};
}

void print_failure(int rank, const std::string& message) {
  if (rank == 0) fmt::print(stderr, "hpcpp: {}\n", message);
  else fmt::print(stderr, "hpcpp: rank {}: {}\n", rank, message);
  std::fflush(stderr);
}

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
  set_up() = SetUp{};
  MPI_Comm_dup(MPI_COMM_WORLD, &set_up().comm);
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
  if (finalized) return;
  if (set_up().comm != MPI_COMM_NULL) MPI_Comm_free(&set_up().comm);
  MPI_Finalize();
}

void all_ranks_set_up() {
  if (set_up().comm == MPI_COMM_NULL || set_up().agreed) return;
  int size = 1;
  MPI_Comm_size(set_up().comm, &size);
  const auto first = agree_on_set_up(size, 0, std::nullopt);
  if (first->rank < size) end_after_report(first->exit_code);
}

void before_finalize(std::function<void(const Environment&)> hook) { finalize_hooks().push_back(std::move(hook)); }

std::vector<std::string> gather_bytes_at_rank_zero(const std::string& bytes, const Environment& env) {
  all_ranks_set_up();
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
  } catch (const JobFailed&) {
    throw;  // reported by the rank that failed
  } catch (...) {
    if (size_ == 1) throw;
    const std::string message = message_of(std::current_exception());
    std::cout.flush();
    if (!set_up().agreed) {
      const int exit_code = exit_code_of(std::current_exception());
      if (const auto first = agree_on_set_up(rank_, exit_code, patience_for_set_up)) {
        if (first->rank == rank_) print_failure(rank_, message);
        end_after_report(first->exit_code);
      }
    } else if (rank_ != 0) {
      std::this_thread::sleep_for(grace_for_rank_zero);
    }
    print_failure(rank_, message);
    MPI_Abort(MPI_COMM_WORLD, 2);
    std::_Exit(2);  // MPI_Abort does not return; should it, leave anyway
  }
  // A rank that sent no message learns here whether another rank failed.
  all_ranks_set_up();
}

}  // namespace hpcpp::mpi
