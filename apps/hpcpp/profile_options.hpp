#pragma once
// --profile, --profile-sort and --profile-trace on every subcommand. add_to_subcommands runs
// after all subcommands are added, so a subcommand needs no code of its own for them: the
// session starts once the command line is parsed, before the subcommand runs, and the
// report goes to stderr when the program ends (stdout is left as it is without them).
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "hpcpp/profile/region.hpp"

namespace hpcpp::cli {

class ProfileOptions {
 public:
  void add_to_subcommands(CLI::App& app);
  // Stops the session (if one ran), prints the tables and writes the trace; returns the
  // program's exit code, 2 if the trace cannot be written.
  int finish(int exit_code);

 private:
  void start(const CLI::App& subcommand);

  bool tables_ = false;
  std::string sort_;
  std::string trace_file_;
  std::string command_name_;
  bool running_ = false;
  std::optional<profile::Region> whole_command_;  // the root region: the subcommand's name
};

}  // namespace hpcpp::cli
