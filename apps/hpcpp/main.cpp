#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <new>

#include "commands.hpp"
#include "hpcpp/core/error.hpp"

#ifndef HPCPP_VERSION
#define HPCPP_VERSION "unknown"
#endif

int main(int argc, char** argv) {
  CLI::App app{"hpcpp: the programs of \"HPC Python Programming\" (IHPCSS 2017) in C++", "hpcpp"};
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
  hpcpp::cli::add_bigfile_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "hpcpp: {} (see --help)\n", e.what());
    return 2;
  } catch (const hpcpp::Error& e) {
    fmt::print(stderr, "hpcpp: {}\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "hpcpp: out of memory\n");
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "hpcpp: {}\n", e.what());
    return 2;
  }
  return exit_code;
}
