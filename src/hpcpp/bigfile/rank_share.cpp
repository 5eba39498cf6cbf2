#include "hpcpp/bigfile/rank_share.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

#include "hpcpp/core/error.hpp"
#include "hpcpp/mpi/environment.hpp"

#if HPCPP_HAVE_MPI
#include <mpi.h>

#include <algorithm>
#include <limits>
#endif

namespace hpcpp::bigfile {

RankShare rank_share_of_job() {
  const auto [rank, size] = mpi::place_in_job();
  return RankShare{rank, size};
}

void fail_here_if_asked(RankShare share, std::int64_t chunk, IndexRange mine, const std::string& label) {
  static const char* const asked = std::getenv("HPCPP_BIGFILE_FAIL_RANK");
  if (asked == nullptr || std::atoi(asked) != share.rank || chunk != mine.begin + mine.size() / 2) return;
  throw Error(fmt::format("{}: Input/output error (HPCPP_BIGFILE_FAIL_RANK, a test hook)", label));
}

#if HPCPP_HAVE_MPI
namespace {

enum Outcome : int { succeeded, stopped, failed };
constexpr int notice_tag = 1;
constexpr int message_tag = 2;


// The step under way on this rank: the communicator its failure notices travel on, and
// which ranks' notices were received.
struct Step {
  MPI_Comm comm = MPI_COMM_NULL;
  std::vector<char> noticed;
  bool stop = false;
};
Step* current_step = nullptr;

// The lowest failing rank's message, at rank 0.
std::string message_at_rank_zero(const Step& step, int me, int failing, const std::string& mine) {
  if (failing == 0) return mine;
  if (me == failing) MPI_Send(mine.data(), static_cast<int>(mine.size()), MPI_CHAR, 0, message_tag, step.comm);
  if (me != 0) return {};
  MPI_Status status;
  MPI_Probe(failing, message_tag, step.comm, &status);
  int length = 0;
  MPI_Get_count(&status, MPI_CHAR, &length);
  std::string text(static_cast<std::size_t>(length), '\0');
  MPI_Recv(text.data(), length, MPI_CHAR, failing, message_tag, step.comm, MPI_STATUS_IGNORE);
  return text;
}

}  // namespace

bool stop_requested() {
  Step* step = current_step;
  if (step == nullptr || step->stop) return step != nullptr;
  int arrived = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, notice_tag, step->comm, &arrived, &status);
  if (!arrived) return false;
  int notice = 0;
  MPI_Recv(&notice, 1, MPI_INT, status.MPI_SOURCE, notice_tag, step->comm, MPI_STATUS_IGNORE);
  step->noticed[static_cast<std::size_t>(status.MPI_SOURCE)] = 1;
  step->stop = true;
  return true;
}

void on_every_rank(RankShare share, const std::function<void()>& step) {
  if (share.ranks == 1) return step();
  mpi::all_ranks_set_up();
  Step state;
  MPI_Comm_dup(MPI_COMM_WORLD, &state.comm);
  state.noticed.assign(static_cast<std::size_t>(share.ranks), 0);
  int outcome = succeeded;
  std::string message;
  std::vector<MPI_Request> notices;
  static int notice = 1;
  // The others stop at their next chunk rather than finish a share whose result is lost.
  const auto fail = [&](std::string what) {
    outcome = failed;
    message = std::move(what);
    for (int r = 0; r < share.ranks; ++r)
      if (r != share.rank) MPI_Isend(&notice, 1, MPI_INT, r, notice_tag, state.comm, &notices.emplace_back());
  };
  current_step = &state;
  try {
    step();
  } catch (const StopRequested&) {
    outcome = stopped;
  } catch (const std::bad_alloc&) {
    fail("out of memory");
  } catch (const std::exception& e) {
    fail(e.what());
  } catch (...) {
    fail("unknown error");
  }
  current_step = nullptr;
  std::vector<int> outcomes(static_cast<std::size_t>(share.ranks));
  MPI_Allgather(&outcome, 1, MPI_INT, outcomes.data(), 1, MPI_INT, state.comm);
  for (int r = 0; r < share.ranks; ++r)
    if (r != share.rank && outcomes[static_cast<std::size_t>(r)] == failed && !state.noticed[static_cast<std::size_t>(r)])
      MPI_Recv(&notice, 1, MPI_INT, r, notice_tag, state.comm, MPI_STATUS_IGNORE);
  MPI_Waitall(static_cast<int>(notices.size()), notices.data(), MPI_STATUSES_IGNORE);
  const auto first = std::find(outcomes.begin(), outcomes.end(), int{failed});
  if (first == outcomes.end()) {
    MPI_Comm_free(&state.comm);
    return;
  }
  const int failing = static_cast<int>(first - outcomes.begin());
  const std::string text = message_at_rank_zero(state, share.rank, failing, message);
  MPI_Comm_free(&state.comm);
  if (share.rank == 0) {
    std::fflush(stdout);
    fmt::print(stderr, "hpcpp: rank {}: {}\n", failing, text);
    std::fflush(stderr);
  }
  throw mpi::JobFailed{2};
}

std::vector<std::string> all_gather_bytes(RankShare share, const std::string& mine) {
  if (share.ranks == 1) return {mine};
  mpi::all_ranks_set_up();
  if (mine.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw Error("bigfile: a rank's partial results are too large to gather (over 2 GiB)");
  const int length = static_cast<int>(mine.size());
  std::vector<int> lengths(static_cast<std::size_t>(share.ranks)), offsets(lengths.size());
  MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD);
  long total = 0;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    offsets[r] = static_cast<int>(total);
    total += lengths[r];
    if (total > std::numeric_limits<int>::max()) throw Error("bigfile: the partial results are too large to gather (over 2 GiB)");
  }
  std::string all(static_cast<std::size_t>(total), '\0');
  MPI_Allgatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, MPI_COMM_WORLD);
  std::vector<std::string> per_rank;
  for (std::size_t r = 0; r < lengths.size(); ++r)
    per_rank.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
  return per_rank;
}

std::string text_of_rank_zero(RankShare share, const std::string& text) {
  if (share.ranks == 1) return text;
  mpi::all_ranks_set_up();
  int length = static_cast<int>(text.size());
  MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string received = share.rank == 0 ? text : std::string(static_cast<std::size_t>(length), '\0');
  MPI_Bcast(received.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD);
  return received;
}

#else

bool stop_requested() { return false; }
void on_every_rank(RankShare, const std::function<void()>& step) { step(); }
std::vector<std::string> all_gather_bytes(RankShare, const std::string& mine) { return {mine}; }
std::string text_of_rank_zero(RankShare, const std::string& text) { return text; }

#endif

}  // namespace hpcpp::bigfile
