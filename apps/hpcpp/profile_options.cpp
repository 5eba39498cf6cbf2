#include "profile_options.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include "hpcpp/core/error.hpp"
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
}

int ProfileOptions::finish(int exit_code) {
  if (!running_) return exit_code;
  running_ = false;
  whole_command_.reset();
  const profile::Capture capture = profile::stop_session();
  if (tables_) {
    const auto table = profile::merge_threads(capture);
    const auto key = profile::parse_sort_key(sort_.empty() ? "cumtime" : sort_);
    fmt::print(stderr, "\nhpcpp profile: {}\n{}{}", command_name_, profile::format_call_table(table, key),
               profile::format_memory_table(table, key));
  }
  if (!trace_file_.empty()) {
    try {
      profile::write_chrome_trace_file(trace_file_, {{static_cast<long>(getpid()), "hpcpp " + command_name_, &capture}});
    } catch (const std::exception& e) {
      fmt::print(stderr, "hpcpp: --profile-trace: {}\n", e.what());
      return 2;
    }
  }
  return exit_code;
}

}  // namespace hpcpp::cli
