// hpcpp summer: the lecture's summer_serial.py, summer_threaded.py, summer_multiprocessing.py.
#include <fmt/core.h>

#include "commands.hpp"
#include "hpcpp/core/elapsed_text.hpp"
#include "option_checks.hpp"
#include "hpcpp/summer/run_summer.hpp"

namespace hpcpp::cli {
namespace {

struct SummerConfig {
  std::string mode = "serial";
  int tasks = 10;
  std::int64_t n = 5'000'000;
  bool table = false;
};

// The lecture's Python timings (summer_multiprocessing.py used n = 500000 on the slide).
struct LectureFigure {
  summer::Mode mode;
  const char* program;
  double seconds;
  const char* note;
};
constexpr LectureFigure lecture_figures[] = {
    {summer::Mode::serial, "summer_serial.py", 11.58, ""},
    {summer::Mode::threads, "summer_threaded.py", 38.48, ""},
    {summer::Mode::processes, "summer_multiprocessing.py", 0.185, " (n = 500000)"},
};

void print_run(const summer::SummerRun& run) {
  for (std::size_t t = 0; t < run.totals.size(); ++t) fmt::print("task {}: {}\n", t, run.totals[t]);
  fmt::print("{}\n", elapsed_text(run.seconds));
}

void print_table(const SummerConfig& c) {
  fmt::print("summer: {} tasks of my_summer(0, {})\n", c.tasks, c.n);
  fmt::print("{:<10} {:>14} {:<28} {:>12}\n", "mode", "hpcpp [s]", "lecture's Python", "Python [s]");
  for (const auto& figure : lecture_figures) {
    const auto run = summer::run_summer(figure.mode, c.tasks, c.n);
    fmt::print("{:<10} {:>14.6f} {:<28} {:>12}{}\n", summer::mode_name(figure.mode), run.seconds, figure.program,
               figure.seconds, figure.note);
  }
}

}  // namespace

void add_summer_command(CLI::App& app, int& /*exit_code*/) {
  auto config = std::make_shared<SummerConfig>();
  auto* cmd = app.add_subcommand("summer", "my_summer(0, n) run --tasks times: in series, in threads or in processes");
  cmd->add_option("--mode", config->mode, "serial, threads or processes")
      ->check(CLI::IsMember({"serial", "threads", "processes"}))
      ->capture_default_str();
  cmd->add_option("--tasks", config->tasks, "How many times my_summer runs (threads or processes: one each)")
      ->capture_default_str()
      ->transform(thread_count());
  cmd->add_option("--n", config->n, "my_summer sums 0 .. n-1")->capture_default_str()->transform(integer_in(0, summer::max_n));
  cmd->add_flag("--table", config->table, "Run all three modes and compare with the lecture's Python timings");
  cmd->callback([config] {
    if (config->table) {
      print_table(*config);
      return;
    }
    print_run(summer::run_summer(summer::parse_mode(config->mode), config->tasks, config->n));
  });
}

}  // namespace hpcpp::cli
