#pragma once
// Each subcommand adds itself to the application; its callback sets `exit_code`.
#include <CLI/CLI.hpp>

namespace hpcpp::cli {

void add_diff2d_command(CLI::App& app, int& exit_code);
void add_etime_command(CLI::App& app, int& exit_code);
void add_summer_command(CLI::App& app, int& exit_code);
void add_auc_command(CLI::App& app, int& exit_code);
// firstfork, secondfork and the hidden print-pid.
void add_fork_commands(CLI::App& app, int& exit_code);
// shared-value, shared-array, pool-map.
void add_multiprocessing_commands(CLI::App& app, int& exit_code);
void add_expr_command(CLI::App& app, int& exit_code);
// MPI: the lecture's rightrank.
void add_rightrank_command(CLI::App& app, int& exit_code);
// profile -- CMD: resources and hardware counters of any command.
void add_profile_command(CLI::App& app, int& exit_code);
void add_sweep_command(CLI::App& app, int& exit_code);

}  // namespace hpcpp::cli
