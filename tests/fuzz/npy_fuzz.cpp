// libFuzzer target: any bytes as a .npy file, header and data, read as the expression
// engine reads its inputs. Errors must be hpcpp::Errors; a header that parses must come
// back the same after writing it as numpy would.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/npy_binding.hpp"
#include "hpcpp/io/npy_header.hpp"

namespace {

void check_round_trip(const hpcpp::io::NpyHeader& h) {
  const std::string written = hpcpp::io::npy_header_bytes(h.descr, h.shape, h.fortran_order);
  const auto again = hpcpp::io::parse_npy_header(written, written.size() + h.data_size, "written");
  if (again.descr != h.descr || again.shape != h.shape || again.fortran_order != h.fortran_order ||
      again.data_size != h.data_size || again.data_offset != written.size() || written.size() % 64 != 0)
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    check_round_trip(hpcpp::io::parse_npy_header(bytes, size, "fuzz.npy"));
  } catch (const hpcpp::Error&) {
  }
  // The whole file through the file reader, from memory.
  static const int fd = memfd_create("fuzz.npy", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) __builtin_trap();
  try {
    const auto loaded = hpcpp::expr::load_npy("/proc/self/fd/" + std::to_string(fd));
    const auto count = loaded.view.size();
    for (std::int64_t i = 0; loaded.view.dtype != hpcpp::expr::DType::Bytes && i < count && i < 16; ++i)
      hpcpp::expr::element_text(static_cast<const char*>(loaded.view.data) + i * loaded.view.item_bytes(),
                                loaded.view.dtype);
  } catch (const hpcpp::Error&) {
  }
  return 0;
}
