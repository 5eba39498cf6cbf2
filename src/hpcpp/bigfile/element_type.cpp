#include "hpcpp/bigfile/element_type.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <limits>
#include <type_traits>
#include <cstdint>
#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/io/numpy_dtype.hpp"

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
T load(const unsigned char* bytes) {
  T value;
  std::memcpy(&value, bytes, sizeof(T));
  return value;
}

// Calls f(T{}) with T the C++ type of `type`.
template <class F>
decltype(auto) with_stored_type(ElementType type, F&& f) {
  switch (type) {
    case ElementType::float64: return f(double{});
    case ElementType::float32: return f(float{});
    case ElementType::int8: return f(std::int8_t{});
    case ElementType::int16: return f(std::int16_t{});
    case ElementType::int32: return f(std::int32_t{});
    case ElementType::int64: return f(std::int64_t{});
    case ElementType::uint8: return f(std::uint8_t{});
    case ElementType::uint16: return f(std::uint16_t{});
    case ElementType::uint32: return f(std::uint32_t{});
    case ElementType::uint64: return f(std::uint64_t{});
  }
  throw Error("unknown element type");
}

template <class T>
ElementValue exact(T value) {
  if constexpr (std::is_floating_point_v<T>) return static_cast<double>(value);
  else if constexpr (std::is_signed_v<T>) return static_cast<std::int64_t>(value);
  else return static_cast<std::uint64_t>(value);
}

}  // namespace

ElementType element_type_from_descr(const std::string& descr, const std::string& file) {
  const io::NpyDtype numpy = io::parse_npy_descr(descr, file);
  for (const auto& t : types)
    if (numpy.kind == t.kind && numpy.item_size == t.size) return t.type;
  throw Error(fmt::format("{}: dtype '{}' is not supported (supported: {})", file, descr, supported_names()));
}

ElementType element_type_from_name(const std::string& name) {
  if (const auto numpy = io::numpy_dtype_from_name(name))
    for (const auto& t : types)
      if (numpy->kind == t.kind && numpy->item_size == t.size) return t.type;
  throw Error(fmt::format("--dtype '{}' is not supported (supported: {})", name, supported_names()));
}

std::string_view element_type_name(ElementType type) { return info(type).name; }
std::size_t item_size(ElementType type) { return info(type).size; }
bool is_integer(ElementType type) { return info(type).kind != 'f'; }

void convert_to_double(ElementType type, const unsigned char* bytes, std::size_t count, double* out) {
  with_stored_type(type, [&](auto zero) {
    using T = decltype(zero);
    for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<double>(load<T>(bytes + i * sizeof(T)));
  });
}

ElementValue element_value(ElementType type, const unsigned char* bytes) {
  return with_stored_type(type, [&](auto zero) { return exact(load<decltype(zero)>(bytes)); });
}

std::pair<ElementValue, ElementValue> integer_extremes(ElementType type, const unsigned char* bytes, std::size_t count) {
  return with_stored_type(type, [&](auto zero) {
    using T = decltype(zero);
    if constexpr (std::is_floating_point_v<T>) {
      throw Error(fmt::format("integer_extremes of {} values", element_type_name(type)));
      return std::pair<ElementValue, ElementValue>{};
    } else {
      T low = std::numeric_limits<T>::max(), high = std::numeric_limits<T>::lowest();
      for (std::size_t i = 0; i < count; ++i) {
        const T v = load<T>(bytes + i * sizeof(T));
        low = std::min(low, v);
        high = std::max(high, v);
      }
      return std::pair{exact(low), exact(high)};
    }
  });
}

std::string python_value_text(const ElementValue& value) {
  if (const double* real = std::get_if<double>(&value)) return python_float_repr(*real);
  return std::visit([](auto v) { return fmt::format("{}", v); }, value);
}

}  // namespace hpcpp::bigfile
