// hpcpp firstfork / secondfork: the lecture's firstfork.py and secondfork.py, and the
// hidden print-pid that secondfork runs by default (the lecture's child.py).
#include <fmt/core.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "hpcpp/procs/first_fork.hpp"
#include "hpcpp/procs/second_fork.hpp"

namespace hpcpp::cli {

void add_fork_commands(CLI::App& app, int& exit_code) {
  auto* first = app.add_subcommand(
      "firstfork", "Fork a child that says hello; again for each line on stdin until 'q' (firstfork.py)");
  first->callback([] { procs::run_first_fork(std::cin); });

  auto* second = app.add_subcommand(
      "secondfork",
      "Fork a child that execs PROGRAM (default: hpcpp print-pid, which prints 'Hello from <pid>' as the lecture's "
      "child.py) and wait for it; again for each line on stdin until 'q' (secondfork.py)");
  second->prefix_command();
  second->footer(
      "Usage: hpcpp secondfork [PROGRAM [ARGS...]]   (exit status: the first failing child's, else 0)");
  second->callback([second, &exit_code] {
    std::vector<std::string> argv = second->remaining();
    if (argv.empty()) argv = {std::filesystem::read_symlink("/proc/self/exe").string(), "print-pid"};
    const auto status = procs::run_second_fork(argv, std::cin);
    if (!status.success()) fmt::print(stderr, "hpcpp secondfork: the child ended with {}\n", status.describe());
    exit_code = status.shell_code();
  });

  auto* print_pid = app.add_subcommand("print-pid", "Print 'Hello from <pid>' (the lecture's child.py)");
  print_pid->group("");  // hidden: the default child of secondfork
  print_pid->callback([] { fmt::print("Hello from {}\n", getpid()); });
}

}  // namespace hpcpp::cli
