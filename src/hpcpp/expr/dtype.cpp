#include "hpcpp/expr/dtype.hpp"

#include <array>

namespace hpcpp::expr {
namespace {

struct DTypeNames {
  std::string_view name, descr;
  std::size_t size;
};

constexpr std::array<DTypeNames, dtype_count> table = {{
    {"bool", "|b1", 1},
    {"int32", "<i4", 4},
    {"int64", "<i8", 8},
    {"float32", "<f4", 4},
    {"float64", "<f8", 8},
    {"complex128", "<c16", 16},
    {"bytes", "|S", 0},
}};

}  // namespace

std::string_view dtype_name(DType t) { return table[static_cast<std::size_t>(t)].name; }
std::size_t dtype_size(DType t) { return table[static_cast<std::size_t>(t)].size; }
std::string_view dtype_descr(DType t) { return table[static_cast<std::size_t>(t)].descr; }

std::optional<DType> dtype_from_name(std::string_view name) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].name == name) return static_cast<DType>(i);
  return std::nullopt;
}

std::optional<DType> dtype_from_descr(std::string_view descr) {
  if (descr == "<b1" || descr == "=b1") descr = "|b1";
  if (!descr.empty() && descr[0] == '=') return dtype_from_descr(std::string("<").append(descr.substr(1)));
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].descr == descr) return static_cast<DType>(i);
  if (descr.size() > 2 && descr.substr(0, 2) == "|S") return DType::Bytes;
  return std::nullopt;
}

}  // namespace hpcpp::expr
