#pragma once
// The element types a big array file may hold, as numpy names them, and their conversion to
// double for the reductions (little-endian data, which is what numpy writes on x86).
#include <cstddef>
#include <string>
#include <string_view>

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
// A value as Python prints it: integers as integers, floats as repr(float).
std::string python_value_text(ElementType type, double value);

}  // namespace hpcpp::bigfile
