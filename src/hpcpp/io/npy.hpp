#pragma once
// NumPy .npy files: whole arrays in memory. The header alone: npy_header.hpp.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hpcpp::io {

struct NpyArray {
  std::string descr;                 // e.g. "<f8", "<i4", "|b1"
  bool fortran_order = false;
  std::vector<std::int64_t> shape;
  std::vector<unsigned char> bytes;  // the raw data, in file order

  std::int64_t count() const;
  std::size_t item_size() const;
};

// Writes a 2D C-order float64 array from rows of `row_stride` doubles, atomically.
void write_npy_2d(const std::filesystem::path& file, const double* data, std::int64_t rows, std::int64_t cols,
                  std::int64_t row_stride);
// Writes any array (descr and shape as numpy names them), atomically, as numpy would.
void write_npy(const std::filesystem::path& file, const NpyArray& array);
// Reads a .npy file; a malformed header or short data is an hpcpp::Error naming the file.
// The size the header declares is checked against the file's before anything is allocated.
NpyArray read_npy(const std::filesystem::path& file);

}  // namespace hpcpp::io
