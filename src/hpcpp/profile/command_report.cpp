#include "hpcpp/profile/command_report.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/profile/capture_bytes.hpp"
#include "hpcpp/profile/chrome_trace.hpp"
#include "hpcpp/profile/session.hpp"
#include "hpcpp/profile/table_report.hpp"

namespace hpcpp::profile {
namespace {

constexpr const char* trace_option = "--profile-trace";

std::filesystem::path rank_trace_file(std::filesystem::path file, int rank) {
  const auto extension = file.extension().string();
  return file.replace_extension(fmt::format(".rank{}{}", rank, extension));
}

// A process of a job that reports on its own (a job of one is not one).
bool one_of_several(const std::optional<mpi::LaunchedRank>& launched) { return launched && launched->size != 1; }

std::string rank_label(const mpi::LaunchedRank& launched) {
  if (launched.size == 0) return fmt::format(", rank {}", launched.rank);
  return fmt::format(", rank {} of {}", launched.rank, launched.size);
}

// Writes the trace; a failure now (the directory removed during the run) is one line, exit 2.
int write_trace(const std::filesystem::path& file, const std::vector<TraceProcess>& processes, int exit_code) {
  try {
    write_chrome_trace_file(file, processes);
  } catch (const std::exception& e) {
    fmt::print(stderr, "hpcpp: {}: {}\n", trace_option, e.what());
    return 2;
  }
  return exit_code;
}

}  // namespace

CommandReport::CommandReport(std::string command_name, ReportOptions options)
    : command_name_(std::move(command_name)), options_(std::move(options)), launched_(mpi::launched_rank()) {
  if (!options_.trace_file.empty()) {
    check_writable(options_.trace_file, trace_option);
    if (one_of_several(launched_)) check_writable(rank_trace_file(options_.trace_file, launched_->rank), trace_option);
  }
  start_session(SessionOptions{.record_spans = !options_.trace_file.empty()});
  whole_command_.emplace(site(command_name_));
  mpi::before_finalize([this](const mpi::Environment& env) { gather_ranks(env); });
}

void CommandReport::gather_ranks(const mpi::Environment& env) {
  if (!running_ || env.size() == 1) return;
  running_ = false;
  whole_command_.reset();
  const auto bytes = capture_to_bytes(stop_session());
  job_rank_ = env.rank();
  job_size_ = env.size();
  for (const auto& rank_bytes : mpi::gather_bytes_at_rank_zero(bytes, env))
    rank_captures_.push_back(capture_from_bytes(rank_bytes));
}

int CommandReport::finish(int exit_code) {
  if (job_size_ > 1) return report_job(exit_code);
  if (!running_) return exit_code;
  return report_process(exit_code);
}

void CommandReport::discard() {
  if (!running_) return;
  running_ = false;
  whole_command_.reset();
  stop_session();
}

int CommandReport::report_job(int exit_code) {
  if (job_rank_ != 0) return exit_code;
  if (options_.tables) {
    std::vector<RegionTable> tables;
    for (const auto& capture : rank_captures_) tables.push_back(merge_threads(capture));
    fmt::print(stderr, "\nhpcpp profile: {}, rank 0 of {}\n{}{}{}", command_name_, job_size_,
               format_call_table(tables.front(), options_.sort), format_memory_table(tables.front(), options_.sort),
               format_rank_table(merge_ranks(tables)));
  }
  if (options_.trace_file.empty()) return exit_code;
  std::vector<TraceProcess> processes;
  for (std::size_t rank = 0; rank < rank_captures_.size(); ++rank)
    processes.push_back({static_cast<long>(rank), fmt::format("hpcpp {} rank {}", command_name_, rank), &rank_captures_[rank]});
  return write_trace(options_.trace_file, processes, exit_code);
}

int CommandReport::report_process(int exit_code) {
  running_ = false;
  whole_command_.reset();
  const Capture capture = stop_session();
  const bool ranked = one_of_several(launched_);
  if (options_.tables) {
    const auto table = merge_threads(capture);
    fmt::print(stderr, "\nhpcpp profile: {}{}\n{}{}", command_name_, ranked ? rank_label(*launched_) : "",
               format_call_table(table, options_.sort), format_memory_table(table, options_.sort));
  }
  if (options_.trace_file.empty()) return exit_code;
  if (!ranked) return write_trace(options_.trace_file, {{static_cast<long>(getpid()), "hpcpp " + command_name_, &capture}}, exit_code);
  const int rank = launched_->rank;
  return write_trace(rank_trace_file(options_.trace_file, rank),
                     {{rank, fmt::format("hpcpp {} rank {}", command_name_, rank), &capture}}, exit_code);
}

}  // namespace hpcpp::profile
