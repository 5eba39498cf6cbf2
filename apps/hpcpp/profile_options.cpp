#include "profile_options.hpp"

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
  report_.emplace(subcommand.get_name(), profile::ReportOptions{.tables = tables_,
                                                                .sort = profile::parse_sort_key(sort_.empty() ? "cumtime" : sort_),
                                                                .trace_file = trace_file_});
}

int ProfileOptions::finish(int exit_code) { return report_ ? report_->finish(exit_code) : exit_code; }

void ProfileOptions::discard() {
  if (report_) report_->discard();
}

}  // namespace hpcpp::cli
