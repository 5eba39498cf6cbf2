// hpcpp etime CMD ARGS...: the lecture's etime, wall seconds of a whole program.
#include <fmt/core.h>

#include "commands.hpp"
#include "hpcpp/core/elapsed_text.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/wall_timer.hpp"
#include "hpcpp/procs/spawn.hpp"

namespace hpcpp::cli {

void add_etime_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("etime", "Run a command and print 'Elapsed: <s> seconds' on stderr");
  cmd->prefix_command();
  cmd->footer("Usage: hpcpp etime CMD [ARGS...]   (exit status: the command's)");
  cmd->callback([cmd, &exit_code] {
    const std::vector<std::string> argv = cmd->remaining();
    if (argv.empty()) throw Error("etime: no command given (usage: hpcpp etime CMD [ARGS...])");
    WallTimer timer;
    exit_code = procs::spawn_and_wait(argv);
    fmt::print(stderr, "{}\n", elapsed_text(timer.seconds()));
  });
}

}  // namespace hpcpp::cli
