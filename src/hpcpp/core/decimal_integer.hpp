#pragma once
// An integer read as decimal text, whole: "010" is ten, "+7" is seven; "0x10", "1e3",
// " 4", "" and a number beyond 64 bits are no integer at all (never wrapped or clamped).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hpcpp {

inline std::optional<std::int64_t> decimal_integer(std::string_view text) {
  const char* first = text.data();
  const char* last = first + text.size();
  const char* digits = first != last && (*first == '+' || *first == '-') ? first + 1 : first;
  if (first != last && *first == '+') ++first;  // from_chars takes '-' only
  if (digits == last || !std::all_of(digits, last, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last) return std::nullopt;
  return value;
}

}  // namespace hpcpp
