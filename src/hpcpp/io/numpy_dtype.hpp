#pragma once
// numpy's dtypes, one vocabulary for io, expr and bigfile: a descr as numpy reads and
// writes it ("<f8", "|b1", "|S5"), the kind letter and item size it stands for, and
// numpy's name of the numeric ones ("float64", "uint8", "bool").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hpcpp::io {

struct NpyDtype {
  std::string descr;      // as numpy writes it: "<f8", "|i1", "|S5"
  char kind;              // 'b' 'i' 'u' 'f' 'c' 'S' 'U' 'V'
  std::size_t item_size;  // bytes per element
};

// A descr as numpy reads it ("f8", "=i4", "<i1", "|S5"); throws hpcpp::Error naming `name`
// (when not empty) for an object, big-endian or unknown dtype.
NpyDtype parse_npy_descr(std::string_view descr, std::string_view name);

// The descr numpy writes for a kind and item size ("<f8", "|b1", "|S5").
std::string npy_descr(char kind, std::size_t item_size);

// numpy's name of a bool, integer, float or complex dtype ("float64", "uint16"); empty for
// the others.
std::string numpy_dtype_name(char kind, std::size_t item_size);

// The dtype numpy names `name` ("float64", "int8", "bool", "complex128"); nullopt for a
// name numpy does not give a bool, integer, float or complex dtype.
std::optional<NpyDtype> numpy_dtype_from_name(std::string_view name);

}  // namespace hpcpp::io
