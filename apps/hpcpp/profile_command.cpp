// hpcpp profile -- CMD ARGS...: etime grown up, with the resources the command used.
#include <fmt/core.h>
#include <fmt/format.h>

#include "commands.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/procs/command_usage.hpp"

namespace hpcpp::cli {

void add_profile_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "profile", "Run a command; print its wall, user and system time, peak memory, page faults, context switches and "
                 "(where the kernel allows) cycles and instructions on stderr");
  cmd->prefix_command();
  // The program as a positional: without one, CLI11 hands "--" to the parent command.
  auto program = std::make_shared<std::string>();
  cmd->add_option("command", *program, "The command, then its arguments");
  cmd->footer("Usage: hpcpp profile -- CMD [ARGS...]   (exit status: the command's)");
  cmd->callback([cmd, program, &exit_code] {
    std::vector<std::string> arguments = cmd->remaining();
    // A "--" before the program is kept as a marker that remaining_size() does not count.
    if (cmd->remaining_size() < arguments.size() && arguments.front() == "--") arguments.erase(arguments.begin());
    std::vector<std::string> argv;
    if (!program->empty()) argv.push_back(*program);
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    if (argv.empty()) throw Error("profile: no command given (usage: hpcpp profile -- CMD [ARGS...])");
    const auto usage = procs::measure_command(argv);
    fmt::print(stderr, "\nhpcpp profile: {}\n{}", fmt::join(argv, " "), procs::describe_usage(usage));
    exit_code = usage.status.shell_code();
  });
}

}  // namespace hpcpp::cli
