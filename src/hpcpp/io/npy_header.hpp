#pragma once
// The header of a NumPy .npy file, read and checked without touching the data: what an
// out-of-core reader needs to map or stream the data itself. Versions 1.0, 2.0 and 3.0.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hpcpp/io/numpy_dtype.hpp"

namespace hpcpp::io {

// numpy refuses longer headers unless told to trust the file; so do we.
inline constexpr std::size_t npy_max_header_size = 10000;

struct NpyHeader {
  std::string descr;            // as numpy writes the dtype: "<f8", "|b1", "|S5", "<U3"
  char kind = 0;                // numpy's dtype kind: 'b' 'i' 'u' 'f' 'c' 'S' 'U' 'V'
  std::size_t item_size = 0;    // bytes per element
  bool fortran_order = false;
  std::vector<std::int64_t> shape;
  std::int64_t count = 0;       // elements: the product of shape
  std::uint64_t data_offset = 0;  // where the data starts in the file
  std::uint64_t data_size = 0;    // count * item_size bytes, all present in the file
};

// The header of `file`. Throws hpcpp::Error naming the file for anything numpy would not
// load (bad magic, version, dict, dtype, shape) and for object or big-endian dtypes, a
// shape whose size overflows, or a file shorter than its header says.
NpyHeader read_npy_header(const std::filesystem::path& file);

// The same check on a file's first bytes (`start`: the whole file when it is shorter than
// 12 + npy_max_header_size bytes) and its total size; `name` names it in errors.
NpyHeader parse_npy_header(std::string_view start, std::uint64_t file_size, std::string_view name);

// The bytes numpy 1.24 writes before the data (np.save, np.lib.format.open_memmap):
// version 1.0, or 2.0 when the header needs more than 65535 bytes; data 64-byte aligned.
// The descr is written as numpy writes it ("=f8" as "<f8").
std::string npy_header_bytes(std::string_view descr, std::span<const std::int64_t> shape, bool fortran_order);


}  // namespace hpcpp::io
