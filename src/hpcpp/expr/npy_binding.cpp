#include "hpcpp/expr/npy_binding.hpp"

#include <fmt/core.h>

#include <cstring>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/io/numpy_dtype.hpp"

namespace hpcpp::expr {

LoadedArray load_npy(const std::filesystem::path& path) {
  LoadedArray a{io::read_npy(path), {}};
  const auto dtype = dtype_from_descr(a.file.descr);
  if (!dtype)
    throw Error(fmt::format("{}: dtype {} is not one of bool, int32, int64, float32, float64, complex128, bytes (S)",
                            printable(path.string()), python_repr(a.file.descr)));
  if (*dtype == DType::Bytes) {
    const auto length = static_cast<std::int64_t>(io::parse_npy_descr(a.file.descr, path.string()).item_size);
    a.view = ArrayRef::bytes(a.file.bytes.data(), length, a.file.shape);
  } else {
    a.view = ArrayRef::contiguous(a.file.bytes.data(), *dtype, a.file.shape);
  }
  if (a.file.fortran_order) {
    auto step = a.view.item_bytes();
    for (std::size_t i = 0; i < a.view.shape.size(); ++i) {
      a.view.strides[i] = step;
      step *= a.view.shape[i];
    }
  }
  if (*dtype == DType::Bool)
    for (auto& b : a.file.bytes) b = b != 0;  // any non-zero byte is True to numpy
  return a;
}

void save_npy(const std::filesystem::path& path, const ArrayRef& array) {
  io::NpyArray out{array.dtype == DType::Bytes ? io::npy_descr('S', static_cast<std::size_t>(array.item_size))
                                               : std::string(dtype_descr(array.dtype)),
                   false, array.shape, {}};
  const auto* bytes = static_cast<const unsigned char*>(array.data);
  out.bytes.assign(bytes, bytes + array.size() * array.item_bytes());
  io::write_npy(path, out);
}

std::string element_text(const void* element, DType dtype) {
  return visit_dtype(dtype, [element](auto t) -> std::string {
    using T = decltype(t);
    T v;
    std::memcpy(&v, element, sizeof v);
    if constexpr (std::is_same_v<T, bool>) return v ? "True" : "False";
    else if constexpr (std::is_same_v<T, complex128>) {
      const std::string im = python_float_repr(v.imag());
      return fmt::format("({}{}{}j)", python_float_repr(v.real()), im[0] == '-' ? "" : "+", im);
    } else if constexpr (std::is_floating_point_v<T>) return python_float_repr(static_cast<double>(v));
    else return std::to_string(v);
  });
}

}  // namespace hpcpp::expr
