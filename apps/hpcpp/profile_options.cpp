#include "profile_options.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "hpcpp/core/error.hpp"
#include "hpcpp/profile/capture_bytes.hpp"
#include "hpcpp/profile/chrome_trace.hpp"
#include "hpcpp/profile/session.hpp"
#include "hpcpp/profile/table_report.hpp"

namespace hpcpp::cli {

void ProfileOptions::add_to_subcommands(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    auto* group = sub->add_option_group("Profiling");
    group->add_flag("--profile", tables_, "Print where time and memory went, per region, on stderr at the end");
    group->add_option("--profile-sort", sort_, "Order of the --profile table (implies --profile)")
        ->check(CLI::IsMember({"cumtime", "tottime", "ncalls", "name"}))
        ->default_str("cumtime");
    group->add_option("--profile-trace", trace_file_, "Write a Chrome trace (Perfetto, speedscope) of every region to this .json file");
  }
  app.parse_complete_callback([this, &app] {
    for (const CLI::App* sub : app.get_subcommands()) start(*sub);
  });
}

void ProfileOptions::start(const CLI::App& subcommand) {
  if (!sort_.empty()) tables_ = true;
  if (!tables_ && trace_file_.empty()) return;
  command_name_ = subcommand.get_name();
  profile::start_session(profile::SessionOptions{.record_spans = !trace_file_.empty()});
  running_ = true;
  whole_command_.emplace(profile::site(command_name_));
  mpi::before_finalize([this](const mpi::Environment& env) { gather_ranks(env); });
}

void ProfileOptions::gather_ranks(const mpi::Environment& env) {
  if (!running_ || env.size() == 1) return;
  running_ = false;
  whole_command_.reset();
  const auto bytes = profile::capture_to_bytes(profile::stop_session());
  job_rank_ = env.rank();
  job_size_ = env.size();
  for (const auto& rank_bytes : mpi::gather_bytes_at_rank_zero(bytes, env))
    rank_captures_.push_back(profile::capture_from_bytes(rank_bytes));
}

// One report for the whole job, from rank 0: its own tables, then min / mean / max over the
// ranks, and one trace in which each rank is a process.
int ProfileOptions::report_job(int exit_code) {
  if (job_rank_ != 0) return exit_code;
  if (tables_) {
    std::vector<profile::RegionTable> tables;
    for (const auto& capture : rank_captures_) tables.push_back(profile::merge_threads(capture));
    const auto key = profile::parse_sort_key(sort_.empty() ? "cumtime" : sort_);
    fmt::print(stderr, "\nhpcpp profile: {}, rank 0 of {}\n{}{}{}", command_name_, job_size_,
               profile::format_call_table(tables.front(), key), profile::format_memory_table(tables.front(), key),
               profile::format_rank_table(profile::merge_ranks(tables)));
  }
  if (!trace_file_.empty()) {
    std::vector<profile::TraceProcess> processes;
    for (std::size_t rank = 0; rank < rank_captures_.size(); ++rank)
      processes.push_back({static_cast<long>(rank), fmt::format("hpcpp {} rank {}", command_name_, rank), &rank_captures_[rank]});
    try {
      profile::write_chrome_trace_file(trace_file_, processes);
    } catch (const std::exception& e) {
      fmt::print(stderr, "hpcpp: --profile-trace: {}\n", e.what());
      return 2;
    }
  }
  return exit_code;
}

namespace {

// Under mpirun, a subcommand that does not start MPI is one process per rank, each
// profiling itself: its table is labelled with its rank and its trace goes to
// FILE.rankR.json, with the rank as the trace's process id. The launcher's variables say
// which rank this is. (Subcommands that start MPI gather every rank's capture at rank 0
// instead: gather_ranks.)
struct LaunchedRank {
  int rank = 0, size = 1;
};

LaunchedRank launched_rank() {
  for (const auto& [rank, size] : {std::pair{"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"}, std::pair{"PMI_RANK", "PMI_SIZE"}}) {
    const char* rank_text = std::getenv(rank);
    const char* size_text = std::getenv(size);
    if (rank_text && size_text) return {std::atoi(rank_text), std::atoi(size_text)};
  }
  return {};
}

std::filesystem::path rank_trace_file(std::filesystem::path file, int rank) {
  const auto extension = file.extension().string();
  return file.replace_extension(fmt::format(".rank{}{}", rank, extension));
}

}  // namespace

int ProfileOptions::finish(int exit_code) {
  if (job_size_ > 1) return report_job(exit_code);
  if (!running_) return exit_code;
  running_ = false;
  whole_command_.reset();
  const profile::Capture capture = profile::stop_session();
  const LaunchedRank job = launched_rank();
  if (tables_) {
    const auto table = profile::merge_threads(capture);
    const auto key = profile::parse_sort_key(sort_.empty() ? "cumtime" : sort_);
    const std::string rank_label = job.size > 1 ? fmt::format(", rank {} of {}", job.rank, job.size) : "";
    fmt::print(stderr, "\nhpcpp profile: {}{}\n{}{}", command_name_, rank_label, profile::format_call_table(table, key),
               profile::format_memory_table(table, key));
  }
  if (!trace_file_.empty()) {
    try {
      if (job.size > 1)
        profile::write_chrome_trace_file(rank_trace_file(trace_file_, job.rank),
                                         {{job.rank, fmt::format("hpcpp {} rank {}", command_name_, job.rank), &capture}});
      else
        profile::write_chrome_trace_file(trace_file_, {{static_cast<long>(getpid()), "hpcpp " + command_name_, &capture}});
    } catch (const std::exception& e) {
      fmt::print(stderr, "hpcpp: --profile-trace: {}\n", e.what());
      return 2;
    }
  }
  return exit_code;
}

}  // namespace hpcpp::cli
