#include <fmt/core.h>

#include <chrono>
#include <thread>

#include <CLI/CLI.hpp>
#include <exception>
#include <new>

#include "commands.hpp"
#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/exit_status_error.hpp"
#include "hpcpp/mpi/environment.hpp"
#include "profile_options.hpp"

#ifndef HPCPP_VERSION
#define HPCPP_VERSION "unknown"
#endif

namespace {

// CLI11 would call an unknown first word an unexpected argument; name it as the subcommand
// it was meant to be, with the nearest real one.
void check_subcommand_name(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return;
  const std::string word = argv[1];
  std::vector<std::string> shown;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == word) return;
    if (!sub->get_group().empty()) shown.push_back(sub->get_name());
  }
  throw hpcpp::Error(fmt::format("unknown subcommand '{}' (did you mean '{}'? see hpcpp --help)", word,
                                 hpcpp::closest_name(word, shown)));
}

// Under mpirun every rank parses the same arguments: one of them says what is wrong. The
// others leave a little later, since the launcher ends the whole job (the reporting rank
// too, perhaps before its line is out) as soon as one rank exits non-zero.
void report(std::string_view message, std::string_view suffix = "") {
  if (hpcpp::mpi::first_rank_or_alone()) fmt::print(stderr, "hpcpp: {}{}\n", message, suffix);
  else std::this_thread::sleep_for(std::chrono::seconds(2));
}

// Reports the exception in flight as one line (once for an MPI job) and returns its exit code.
int report_error() {
  try {
    throw;
  } catch (const hpcpp::mpi::JobFailed& e) {
    return e.exit_code;  // already reported, once for the whole job
  } catch (const CLI::ParseError& e) {
    report(e.what(), " (see --help)");
    return 2;
  } catch (const hpcpp::ExitStatusError& e) {
    report(e.what());
    return e.exit_code();
  } catch (const hpcpp::Error& e) {
    report(e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    report("out of memory");
    return 2;
  } catch (const std::exception& e) {
    report(e.what());
    return 2;
  }
}

// The exit code; `failed` tells whether the command ended with an error, already reported.
int parse_and_run(CLI::App& app, int argc, char** argv, const int& exit_code, bool& failed) {
  try {
    check_subcommand_name(app, argc, argv);
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    // --help and --version: printed once for a job, by its first rank.
    return hpcpp::mpi::first_rank_or_alone() ? app.exit(e) : e.get_exit_code();
  } catch (...) {
    failed = true;
    return report_error();
  }
  return exit_code;
}

}  // namespace

void show_thread_count_again();

int main(int argc, char** argv) {
  show_thread_count_again();
  CLI::App app{"hpcpp: the programs of \"HPC Python Programming\" (IHPCSS 2017) in C++.\n"
               "Every subcommand takes --profile (time and memory per region on stderr), --profile-sort\n"
               "and --profile-trace FILE.json. 'hpcpp SUBCOMMAND --help' lists its options; 'man hpcpp'\n"
               "holds them all; docs/SUBCOMMAND.md in the sources explains each program with an example\n"
               "(docs/fork.md: firstfork and secondfork; docs/multiprocessing.md: shared-value, shared-array\n"
               "and pool-map).",
               "hpcpp"};
  app.set_version_flag("--version", std::string("hpcpp ") + HPCPP_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  hpcpp::cli::add_diff2d_command(app, exit_code);
  hpcpp::cli::add_etime_command(app, exit_code);
  hpcpp::cli::add_summer_command(app, exit_code);
  hpcpp::cli::add_auc_command(app, exit_code);
  hpcpp::cli::add_fork_commands(app, exit_code);
  hpcpp::cli::add_multiprocessing_commands(app, exit_code);
  hpcpp::cli::add_expr_command(app, exit_code);
  hpcpp::cli::add_rightrank_command(app, exit_code);
  hpcpp::cli::add_profile_command(app, exit_code);
  hpcpp::cli::add_sweep_command(app, exit_code);
  hpcpp::cli::add_bigfile_command(app, exit_code);

  // After every subcommand: each one gets --profile, --profile-sort and --profile-trace.
  hpcpp::cli::ProfileOptions profile;
  profile.add_to_subcommands(app);
  bool failed = false;
  const int code = parse_and_run(app, argc, argv, exit_code, failed);
  // An error's one line is all a failed command prints: no profile, no trace.
  if (failed) {
    profile.discard();
    return code;
  }
  return profile.finish(code);
}
