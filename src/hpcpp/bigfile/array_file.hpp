#pragma once
// Where an array lives in a file: a .npy file (its header gives shape and dtype) or a raw
// file of C-order elements (the shape and dtype given, as numpy.memmap takes them).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hpcpp/bigfile/element_type.hpp"
#include "hpcpp/core/shape_text.hpp"

namespace hpcpp::bigfile {

struct ArrayFile {
  std::filesystem::path path;
  ElementType type = ElementType::float64;
  std::vector<std::int64_t> shape;
  std::uint64_t data_offset = 0;
  std::uint64_t file_size = 0;
  bool npy = true;

  std::int64_t count() const;
  std::uint64_t data_bytes() const;
  // Bytes after the array that a raw file holds but the shape does not reach.
  std::uint64_t unread_bytes() const { return file_size - data_offset - data_bytes(); }
  std::string name() const { return path.string(); }
};

// How to read a raw file; ignored fields are empty.
struct RawLayout {
  std::vector<std::int64_t> shape;
  ElementType type = ElementType::float64;
};

// A .npy file is recognised by its magic and read through its header (which `raw` must not
// contradict: giving a layout for a .npy file is an Error). Any other file needs `raw`; a raw
// file smaller than its shape needs is an Error, a larger one is read from its start.
ArrayFile open_array_file(const std::filesystem::path& file, const std::optional<RawLayout>& raw);

// "(3, 4)", as Python prints a shape tuple (core's printer).
using hpcpp::shape_text;

// The element count of `shape`, or an Error when a dimension is negative or the product
// overflows.
std::int64_t checked_element_count(const std::vector<std::int64_t>& shape, std::size_t item_size);

}  // namespace hpcpp::bigfile
