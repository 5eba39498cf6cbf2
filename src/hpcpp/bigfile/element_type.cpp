#include "hpcpp/bigfile/element_type.hpp"

#include <fmt/core.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"

namespace hpcpp::bigfile {
namespace {

struct TypeInfo {
  ElementType type;
  const char* name;
  char kind;  // numpy's kind letter: f, i, u
  std::size_t size;
};

constexpr std::array<TypeInfo, 10> types{{
    {ElementType::float64, "float64", 'f', 8},
    {ElementType::float32, "float32", 'f', 4},
    {ElementType::int8, "int8", 'i', 1},
    {ElementType::int16, "int16", 'i', 2},
    {ElementType::int32, "int32", 'i', 4},
    {ElementType::int64, "int64", 'i', 8},
    {ElementType::uint8, "uint8", 'u', 1},
    {ElementType::uint16, "uint16", 'u', 2},
    {ElementType::uint32, "uint32", 'u', 4},
    {ElementType::uint64, "uint64", 'u', 8},
}};

const TypeInfo& info(ElementType type) { return types[static_cast<std::size_t>(type)]; }

std::string supported_names() {
  std::string names;
  for (const auto& t : types) names += std::string(names.empty() ? "" : ", ") + t.name;
  return names;
}

template <class T>
void convert(const unsigned char* bytes, std::size_t count, double* out) {
  for (std::size_t i = 0; i < count; ++i) {
    T value;
    std::memcpy(&value, bytes + i * sizeof(T), sizeof(T));
    out[i] = static_cast<double>(value);
  }
}

}  // namespace

ElementType element_type_from_descr(const std::string& descr, const std::string& file) {
  if (descr.size() >= 3 && descr[0] == '>' && descr.substr(2) != "1")
    throw Error(fmt::format("{}: big-endian dtype '{}' is not supported (little-endian only)", file, descr));
  if (descr.size() >= 3 && (descr[0] == '<' || descr[0] == '|' || descr[0] == '=' || descr[0] == '>'))
    for (const auto& t : types)
      if (descr[1] == t.kind && descr.substr(2) == std::to_string(t.size)) return t.type;
  throw Error(fmt::format("{}: dtype '{}' is not supported (supported: {})", file, descr, supported_names()));
}

ElementType element_type_from_name(const std::string& name) {
  for (const auto& t : types)
    if (name == t.name) return t.type;
  throw Error(fmt::format("--dtype '{}' is not supported (supported: {})", name, supported_names()));
}

std::string_view element_type_name(ElementType type) { return info(type).name; }
std::size_t item_size(ElementType type) { return info(type).size; }
bool is_integer(ElementType type) { return info(type).kind != 'f'; }

void convert_to_double(ElementType type, const unsigned char* bytes, std::size_t count, double* out) {
  switch (type) {
    case ElementType::float64: return convert<double>(bytes, count, out);
    case ElementType::float32: return convert<float>(bytes, count, out);
    case ElementType::int8: return convert<std::int8_t>(bytes, count, out);
    case ElementType::int16: return convert<std::int16_t>(bytes, count, out);
    case ElementType::int32: return convert<std::int32_t>(bytes, count, out);
    case ElementType::int64: return convert<std::int64_t>(bytes, count, out);
    case ElementType::uint8: return convert<std::uint8_t>(bytes, count, out);
    case ElementType::uint16: return convert<std::uint16_t>(bytes, count, out);
    case ElementType::uint32: return convert<std::uint32_t>(bytes, count, out);
    case ElementType::uint64: return convert<std::uint64_t>(bytes, count, out);
  }
}

std::string python_value_text(ElementType type, double value) {
  if (is_integer(type) && value == value) return fmt::format("{:.0f}", value);
  return python_float_repr(value);
}

}  // namespace hpcpp::bigfile
