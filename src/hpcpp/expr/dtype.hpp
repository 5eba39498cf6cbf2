#pragma once
// The element types of the engine, ordered as numexpr orders its kinds: a binary
// operation on two types works in the later one (int32 op int64 -> int64, int64 op
// float32 -> float32, anything op complex128 -> complex128). Bytes (numpy's 'S': strings
// of a fixed length, padded with NULs) only compare with bytes and feed contains().
#include <complex>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hpcpp::expr {

enum class DType : std::uint8_t { Bool, Int32, Int64, Float32, Float64, Complex128, Bytes };

inline constexpr int dtype_count = 7;
using complex128 = std::complex<double>;

std::string_view dtype_name(DType t);
// 0 for Bytes, whose length belongs to each array (ArrayRef::item_size).
std::size_t dtype_size(DType t);
std::optional<DType> dtype_from_name(std::string_view name);
// The numpy .npy descr ("<f8") of a type, and back.
std::string_view dtype_descr(DType t);
std::optional<DType> dtype_from_descr(std::string_view descr);

inline DType common_dtype(DType a, DType b) { return a < b ? b : a; }
inline bool is_integer(DType t) { return t == DType::Int32 || t == DType::Int64; }

template <class T> struct dtype_of;
template <> struct dtype_of<bool> { static constexpr DType value = DType::Bool; };
template <> struct dtype_of<std::int32_t> { static constexpr DType value = DType::Int32; };
template <> struct dtype_of<std::int64_t> { static constexpr DType value = DType::Int64; };
template <> struct dtype_of<float> { static constexpr DType value = DType::Float32; };
template <> struct dtype_of<double> { static constexpr DType value = DType::Float64; };
template <> struct dtype_of<complex128> { static constexpr DType value = DType::Complex128; };

// Calls f(T{}) with the C++ type of `t`; never called for Bytes, which has no fixed type.
template <class F>
decltype(auto) visit_dtype(DType t, F&& f) {
  switch (t) {
    case DType::Bool: return f(bool{});
    case DType::Int32: return f(std::int32_t{});
    case DType::Int64: return f(std::int64_t{});
    case DType::Float32: return f(float{});
    case DType::Float64: return f(double{});
    case DType::Complex128:
    case DType::Bytes: break;
  }
  return f(complex128{});
}

}  // namespace hpcpp::expr
