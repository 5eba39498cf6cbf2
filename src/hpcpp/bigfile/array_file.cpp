#include "hpcpp/bigfile/array_file.hpp"

#include <fmt/core.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "hpcpp/core/error.hpp"
#include "hpcpp/io/npy_header.hpp"

namespace hpcpp::bigfile {
namespace {

bool starts_with_npy_magic(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open: {}", file.string(), std::strerror(errno)));
  char magic[6] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 6 && std::memcmp(magic, "\x93NUMPY", 6) == 0;
}

// Arrays are mapped and read at offsets: only a regular file can be. Checked before the file
// is opened, which would wait for a writer on a FIFO.
std::uint64_t size_of(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) throw Error(fmt::format("{}: cannot read: {}", file.string(), std::strerror(errno)));
  if (S_ISDIR(info.st_mode)) throw Error(fmt::format("{}: is a directory", file.string()));
  if (!S_ISREG(info.st_mode))
    throw Error(fmt::format("{}: not a regular file (a {}): arrays are read from files on disk", file.string(),
                            S_ISFIFO(info.st_mode) ? "FIFO" : S_ISCHR(info.st_mode) ? "character device" : "special file"));
  return static_cast<std::uint64_t>(info.st_size);
}

}  // namespace

std::int64_t ArrayFile::count() const { return checked_element_count(shape, item_size(type)); }

std::uint64_t ArrayFile::data_bytes() const { return static_cast<std::uint64_t>(count()) * item_size(type); }

std::int64_t checked_element_count(const std::vector<std::int64_t>& shape, std::size_t item_size) {
  std::int64_t count = 1;
  for (std::int64_t dim : shape) {
    if (dim < 0) throw Error(fmt::format("shape {} has a negative dimension", shape_text(shape)));
    if (__builtin_mul_overflow(count, dim, &count))
      throw Error(fmt::format("shape {} has too many elements", shape_text(shape)));
  }
  std::int64_t bytes = 0;
  if (__builtin_mul_overflow(count, static_cast<std::int64_t>(item_size), &bytes))
    throw Error(fmt::format("shape {} has too many elements", shape_text(shape)));
  return count;
}

ArrayFile open_array_file(const std::filesystem::path& file, const std::optional<RawLayout>& raw) {
  ArrayFile a;
  a.path = file;
  a.file_size = size_of(file);
  if (starts_with_npy_magic(file)) {
    if (raw)
      throw Error(fmt::format("{}: is a .npy file, whose header gives shape and dtype: --n, --shape and --dtype "
                              "are for raw files", a.name()));
    const io::NpyHeader header = io::read_npy_header(file);
    a.type = element_type_from_descr(header.descr, a.name());
    if (header.fortran_order && header.shape.size() > 1)
      throw Error(fmt::format("{}: fortran_order arrays are not supported (C order only)", a.name()));
    a.shape = header.shape;
    a.data_offset = header.data_offset;
    // The data is read in place from mapped pages, where each element must be aligned.
    if (a.data_offset % item_size(a.type) != 0)
      throw Error(fmt::format("{}: the data starts at byte {}, not a multiple of its {}-byte elements (numpy pads "
                              "its headers to 64 bytes): not supported",
                              a.name(), a.data_offset, item_size(a.type)));
    return a;
  }
  if (!raw)
    throw Error(fmt::format("{}: not a .npy file: give the raw layout with --n N or --shape R,C (and --dtype)",
                            a.name()));
  a.npy = false;
  a.shape = raw->shape;
  a.type = raw->type;
  if (a.data_bytes() > a.file_size)
    throw Error(fmt::format("{}: raw file of {} bytes is smaller than shape {} of {} needs ({} bytes)", a.name(),
                            a.file_size, shape_text(a.shape), element_type_name(a.type), a.data_bytes()));
  return a;
}

}  // namespace hpcpp::bigfile
