#include "option_checks.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <string>

#include "hpcpp/core/decimal_integer.hpp"
#include "hpcpp/core/thread_limit.hpp"

namespace hpcpp::cli {

namespace {

// Accepts decimal integers in [min, max]; `allowed` says so in words.
CLI::Validator integer_check(std::int64_t min, std::int64_t max, const std::string& allowed) {
  auto check = [min, max, allowed](std::string& text) -> std::string {
    const auto value = decimal_integer(text);
    if (!value || *value < min || *value > max)
      return fmt::format("must be {}, got {}", allowed, text.empty() ? "nothing" : text);
    text = std::to_string(*value);
    return {};
  };
  return CLI::Validator(check, max == std::numeric_limits<std::int64_t>::max() ? fmt::format("INT >= {}", min)
                                                                               : fmt::format("INT in {}..{}", min, max));
}

}  // namespace

CLI::Validator integer_in(std::int64_t min, std::int64_t max) {
  return integer_check(min, max,
                       max == std::numeric_limits<std::int64_t>::max() ? fmt::format("an integer >= {}", min)
                                                                       : fmt::format("an integer from {} to {}", min, max));
}

CLI::Validator thread_count(bool zero_means_default) {
  const int min = zero_means_default ? 0 : 1;
  return integer_check(min, max_threads, thread_count_rule(min));
}

CLI::Option* add_hidden_alias(CLI::App& command, const std::string& name, int& target, const CLI::Validator& check) {
  // CLI11 names a hidden option nothing in its messages: this one names itself.
  auto assign = [&target, name, check](const std::string& typed) {
    std::string text = typed;
    const std::string error = check(text);
    if (!error.empty()) throw CLI::ValidationError(name, error);
    target = std::stoi(text);
  };
  return command.add_option_function<std::string>(name, assign, "")->group("");
}

void note_no_effect(std::string_view option, std::string_view why) {
  fmt::print(stderr, "hpcpp: note: {} has no effect {}\n", option, why);
}

}  // namespace hpcpp::cli
