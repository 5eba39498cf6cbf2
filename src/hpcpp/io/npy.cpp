#include "hpcpp/io/npy.hpp"

#include <fmt/core.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <numeric>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/io/npy_header.hpp"

namespace hpcpp::io {

std::int64_t NpyArray::count() const {
  return std::accumulate(shape.begin(), shape.end(), std::int64_t{1}, std::multiplies<>());
}

std::size_t NpyArray::item_size() const { return parse_npy_descr(descr, "").item_size; }

void write_npy_2d(const std::filesystem::path& file, const double* data, std::int64_t rows, std::int64_t cols,
                  std::int64_t row_stride) {
  const std::int64_t shape[] = {rows, cols};
  write_file_atomically(file, [&](std::ostream& out) {
    out << npy_header_bytes("<f8", shape, false);
    for (std::int64_t i = 0; i < rows; ++i)
      out.write(reinterpret_cast<const char*>(data + i * row_stride),
                static_cast<std::streamsize>(cols * sizeof(double)));
  });
}

void write_npy(const std::filesystem::path& file, const NpyArray& array) {
  write_file_atomically(file, [&](std::ostream& out) {
    out << npy_header_bytes(array.descr, array.shape, array.fortran_order);
    out.write(reinterpret_cast<const char*>(array.bytes.data()), static_cast<std::streamsize>(array.bytes.size()));
  });
}

NpyArray read_npy(const std::filesystem::path& file) {
  const NpyHeader header = read_npy_header(file);
  NpyArray a{header.descr, header.fortran_order, header.shape, {}};
  a.bytes.resize(header.data_size);
  const std::string name = file.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  int error = fd < 0 ? errno : 0;
  std::size_t done = 0;
  while (fd >= 0 && done < a.bytes.size()) {
    const ssize_t n = ::pread(fd, a.bytes.data() + done, a.bytes.size() - done,
                              static_cast<off_t>(header.data_offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = errno;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (fd >= 0) ::close(fd);
  if (done < a.bytes.size())
    throw Error(fmt::format("{}: cannot read the data: {}", printable(name),
                            error != 0 ? std::strerror(error) : "the file shrank while being read"));
  return a;
}

}  // namespace hpcpp::io
