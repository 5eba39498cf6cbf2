#include "option_checks.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <string>

#include "hpcpp/core/thread_limit.hpp"

namespace hpcpp::cli {

CLI::Validator integer_in(std::int64_t min, std::int64_t max) {
  const std::string allowed = max == std::numeric_limits<std::int64_t>::max()
                                  ? fmt::format("an integer >= {}", min)
                                  : fmt::format("an integer from {} to {}", min, max);
  auto check = [min, max, allowed](std::string& text) -> std::string {
    const char* first = text.data();
    const char* last = first + text.size();
    if (first != last && *first == '+') ++first;
    // Decimal digits only; from_chars also refuses text beyond 64 bits.
    const bool digits = first != last && std::all_of(first + (*first == '-'), last, [](char c) { return c >= '0' && c <= '9'; });
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (!digits || ec != std::errc() || end != last || value < min || value > max)
      return fmt::format("must be {}, got {}", allowed, text.empty() ? "nothing" : text);
    text = std::to_string(value);
    return {};
  };
  return CLI::Validator(check, max == std::numeric_limits<std::int64_t>::max() ? fmt::format("INT >= {}", min)
                                                                               : fmt::format("INT in {}..{}", min, max));
}

CLI::Validator thread_count(bool zero_means_default) { return integer_in(zero_means_default ? 0 : 1, max_threads); }

}  // namespace hpcpp::cli
