#pragma once
// --profile, --profile-sort and --profile-trace on every subcommand. add_to_subcommands runs
// after all subcommands are added, so a subcommand needs no code of its own for them: the
// profile starts once the command line is parsed, before the subcommand runs (its trace
// file checked first), and the report goes to stderr when the program ends (stdout is left
// as it is without them). The report itself: profile/command_report.hpp.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "hpcpp/profile/command_report.hpp"

namespace hpcpp::cli {

class ProfileOptions {
 public:
  void add_to_subcommands(CLI::App& app);
  // Ends the profile (if one ran) and reports it; returns the program's exit code, 2 if
  // the trace cannot be written.
  int finish(int exit_code);
  // Ends the profile (if one ran) without a report or trace: the command failed and its
  // error line stands alone.
  void discard();

 private:
  void start(const CLI::App& subcommand);

  bool tables_ = false;
  std::string sort_;
  std::string trace_file_;
  std::optional<profile::CommandReport> report_;
};

}  // namespace hpcpp::cli
