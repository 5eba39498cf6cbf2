#pragma once
// NumPy .npy files (format 1.0 for writing; 1.0-3.0 for reading).
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

// The header of a .npy file, read and checked without reading the data.
struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<std::int64_t> shape;
  std::uint64_t data_offset = 0;  // where the data starts in the file

  std::int64_t count() const;
  std::size_t item_size() const;
};

// Reads and checks the header (numpy's 10000-byte cap, exactly the keys descr, fortran_order
// and shape) and that the file holds the data the shape needs; reads no data.
NpyHeader read_npy_header(const std::filesystem::path& file);
// The bytes numpy 1.24's np.save and open_memmap write before the data: magic, version 1.0,
// length, the dict with room for the first axis to grow, padding to 64 bytes.
std::string npy_preamble(const std::string& descr, bool fortran_order, const std::vector<std::int64_t>& shape);

// Writes a 2D C-order float64 array from rows of `row_stride` doubles, atomically.
void write_npy_2d(const std::filesystem::path& file, const double* data, std::int64_t rows, std::int64_t cols,
                  std::int64_t row_stride);
// Writes any array (descr and shape as numpy names them), atomically.
void write_npy(const std::filesystem::path& file, const NpyArray& array);
// Reads a .npy file; a malformed header or short data is an hpcpp::Error naming the file.
NpyArray read_npy(const std::filesystem::path& file);

}  // namespace hpcpp::io
