#pragma once
// Checks of option values (add them with ->transform, which keeps the decimal text they
// write back) whose messages say in words what is allowed
// ("--checkpoint-every: must be an integer >= 1, got 0"). Integers are read as decimal
// text, whole: "010" is ten, and a number beyond the range is refused as written, never
// wrapped or clamped into it.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace hpcpp::cli {

CLI::Validator integer_in(std::int64_t min, std::int64_t max = std::numeric_limits<std::int64_t>::max());
// --threads, --procs, --tasks: 1 to max_threads (0 too, where 0 means the default).
CLI::Validator thread_count(bool zero_means_default = false);

// An earlier spelling of an option (auc's --workers for --threads): it still works and
// writes `target`, but --help and the man page no longer show it.
CLI::Option* add_hidden_alias(CLI::App& command, const std::string& name, int& target, const CLI::Validator& check);

// One line on stderr for an option that was given and changes nothing, `why` saying when:
// "hpcpp: note: --threads has no effect with --backend serial".
void note_no_effect(std::string_view option, std::string_view why);

}  // namespace hpcpp::cli
