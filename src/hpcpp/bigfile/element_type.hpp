#pragma once
// The element types a big array file may hold, as numpy names them, and their conversion to
// double for the reductions (little-endian data, which is what numpy writes on x86).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace hpcpp::bigfile {

enum class ElementType { float64, float32, int8, int16, int32, int64, uint8, uint16, uint32, uint64 };

// From a .npy descr ("<f8", "|u1"); big-endian, object and other dtypes are an Error naming `file`.
ElementType element_type_from_descr(const std::string& descr, const std::string& file);
// From a numpy dtype name ("float64", "uint8"), as --dtype takes it.
ElementType element_type_from_name(const std::string& name);
std::string_view element_type_name(ElementType type);
std::size_t item_size(ElementType type);
bool is_integer(ElementType type);
// Converts `count` elements stored at `bytes` (any alignment) to doubles.
void convert_to_double(ElementType type, const unsigned char* bytes, std::size_t count, double* out);

// One element exactly as stored: int64 and uint64 values beyond 2**53 do not fit a double.
// Values of one file hold one alternative, so the variant's ordering is theirs.
using ElementValue = std::variant<double, std::int64_t, std::uint64_t>;
// The element stored at `bytes` (any alignment): signed types as int64, unsigned as uint64.
ElementValue element_value(ElementType type, const unsigned char* bytes);
// The smallest and largest of `count` elements of an integer type stored at `bytes`.
std::pair<ElementValue, ElementValue> integer_extremes(ElementType type, const unsigned char* bytes, std::size_t count);
// A value as Python prints it: integers as integers, floats as repr(float).
std::string python_value_text(const ElementValue& value);

}  // namespace hpcpp::bigfile
