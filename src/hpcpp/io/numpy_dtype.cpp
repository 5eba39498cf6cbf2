#include "hpcpp/io/numpy_dtype.hpp"

#include <fmt/core.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <initializer_list>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"

namespace hpcpp::io {
namespace {

constexpr std::int64_t largest_item = (std::int64_t{1} << 31) - 1;

// The kinds numpy names by their width, and the item sizes each has.
struct NumericKind {
  char kind;
  std::string_view prefix;
  std::array<std::size_t, 4> sizes;  // 0: none
};
constexpr std::array<NumericKind, 5> numeric_kinds{{
    {'b', "bool", {1, 0, 0, 0}},
    {'i', "int", {1, 2, 4, 8}},
    {'u', "uint", {1, 2, 4, 8}},
    {'f', "float", {2, 4, 8, 16}},
    {'c', "complex", {8, 16, 32, 0}},
}};

}  // namespace

NpyDtype parse_npy_descr(std::string_view descr, std::string_view name) {
  const auto unsupported = [&](std::string_view why) {
    const std::string where = name.empty() ? "" : printable(name) + ": ";
    return Error(fmt::format("{}dtype {} {}", where, python_repr(descr), why));
  };
  std::string_view rest = descr;
  char order = '=';
  if (!rest.empty() && std::string_view("<>|=").find(rest[0]) != std::string_view::npos) {
    order = rest[0];
    rest.remove_prefix(1);
  }
  if (rest.empty()) throw unsupported("is not a numpy dtype");
  const char kind = rest[0];
  if (kind == 'O') throw unsupported("holds Python objects, which are not supported");
  std::int64_t size = 0;
  const std::string_view digits = rest.substr(1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
  if (std::string_view("biufcSUV").find(kind) == std::string_view::npos || digits.empty() || ec != std::errc() ||
      end != digits.data() + digits.size() || digits[0] == '0')
    throw unsupported("is not a supported dtype (bool, int, uint, float, complex, S, U or V with a size)");
  const auto allowed = [&](std::initializer_list<std::int64_t> sizes) {
    for (auto s : sizes)
      if (s == size) return true;
    return false;
  };
  const bool valid_size = kind == 'b'   ? allowed({1})
                          : kind == 'i' || kind == 'u' ? allowed({1, 2, 4, 8})
                          : kind == 'f' ? allowed({2, 4, 8, 16})
                          : kind == 'c' ? allowed({8, 16, 32})
                          : kind == 'U' ? size <= largest_item / 4
                                        : size <= largest_item;
  if (!valid_size) throw unsupported("has an item size numpy does not have");
  const std::size_t item_size = static_cast<std::size_t>(kind == 'U' ? size * 4 : size);
  if (order == '>' && item_size > 1 && kind != 'S' && kind != 'V')
    throw unsupported("is big-endian, which is not supported");
  return {npy_descr(kind, item_size), kind, item_size};
}

std::string npy_descr(char kind, std::size_t item_size) {
  const bool has_byte_order = item_size > 1 && kind != 'S' && kind != 'V';
  return fmt::format("{}{}{}", has_byte_order ? '<' : '|', kind, kind == 'U' ? item_size / 4 : item_size);
}

std::string numpy_dtype_name(char kind, std::size_t item_size) {
  for (const auto& k : numeric_kinds)
    for (std::size_t size : k.sizes)
      if (k.kind == kind && size != 0 && size == item_size)
        return kind == 'b' ? std::string(k.prefix) : fmt::format("{}{}", k.prefix, 8 * size);
  return {};
}

std::optional<NpyDtype> numpy_dtype_from_name(std::string_view name) {
  for (const auto& k : numeric_kinds)
    for (std::size_t size : k.sizes)
      if (size != 0 && numpy_dtype_name(k.kind, size) == name) return NpyDtype{npy_descr(k.kind, size), k.kind, size};
  return std::nullopt;
}

}  // namespace hpcpp::io
