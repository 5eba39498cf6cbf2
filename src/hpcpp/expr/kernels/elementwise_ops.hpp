#pragma once
// What each operation does to one element, per type. Integer arithmetic wraps around (as
// numpy and numexpr do on every machine they run on) and is done in unsigned types so it
// is defined behaviour; division-like integer operations define their corner cases the
// way numexpr does (x % 0 == 0).
#include <bit>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hpcpp/expr/dtype.hpp"

// An anonymous namespace: kernels_avx2.cpp compiles these for another instruction set,
// and the two compilations must not share out-of-line copies.
namespace hpcpp::expr::ops {
namespace {

template <class T> inline constexpr bool is_int_v = std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t>;
template <class T> inline constexpr bool is_real_v = std::is_same_v<T, float> || std::is_same_v<T, double>;
template <class T> inline constexpr bool is_complex_v = std::is_same_v<T, complex128>;
template <class T> inline constexpr bool is_number_v = is_int_v<T> || is_real_v<T> || is_complex_v<T>;

template <class T> using unsigned_of = std::make_unsigned_t<T>;

struct Add {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_int_v<T>) return static_cast<T>(static_cast<unsigned_of<T>>(a) + static_cast<unsigned_of<T>>(b));
    else return a + b;
  }
  template <class T> static T identity() { return T(0); }
};
struct Sub {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_int_v<T>) return static_cast<T>(static_cast<unsigned_of<T>>(a) - static_cast<unsigned_of<T>>(b));
    else return a - b;
  }
};
struct Mul {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_int_v<T>) return static_cast<T>(static_cast<unsigned_of<T>>(a) * static_cast<unsigned_of<T>>(b));
    else return a * b;
  }
  template <class T> static T identity() { return T(1); }
};
struct Div {
  template <class T> static T apply(T a, T b) { return a / b; }
};
struct Neg {
  template <class T> static T apply(T a) {
    if constexpr (is_int_v<T>) return static_cast<T>(unsigned_of<T>{0} - static_cast<unsigned_of<T>>(a));
    else return -a;
  }
};
// Python's (and numpy's) sign rule: the remainder has the divisor's sign; integer x % 0 is 0.
struct Mod {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_int_v<T>) {
      if (b == 0 || b == -1) return T{0};
      const T r = static_cast<T>(a % b);
      return (r != 0 && ((r < 0) != (b < 0))) ? static_cast<T>(r + b) : r;
    } else {
      return a - std::floor(a / b) * b;  // numexpr's formula
    }
  }
};
// Python's floor division; x // 0 is 0 for integers, as numpy has it.
struct FloorDiv {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_int_v<T>) {
      if (b == 0) return T{0};
      if (b == -1) return Neg::apply(a);
      const T q = static_cast<T>(a / b);
      return (a % b != 0 && ((a < 0) != (b < 0))) ? static_cast<T>(q - 1) : q;
    } else {
      return std::floor(a / b);  // numexpr's formula
    }
  }
};
struct Pow {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_int_v<T>) {
      // A negative exponent is 1/a**|b| truncated towards zero.
      if (b < 0) return a == 1 ? T{1} : a == -1 ? ((b & 1) ? T{-1} : T{1}) : T{0};
      unsigned_of<T> result = 1, base = static_cast<unsigned_of<T>>(a);
      for (T e = b; e != 0; e >>= 1) {
        if (e & 1) result *= base;
        base *= base;
      }
      return static_cast<T>(result);
    } else {
      return std::pow(a, b);
    }
  }
};
struct Shl {
  template <class T> static T apply(T a, T b) {
    if (b < 0 || b >= static_cast<T>(8 * sizeof(T))) return T{0};
    return static_cast<T>(static_cast<unsigned_of<T>>(a) << b);
  }
};
struct Shr {
  template <class T> static T apply(T a, T b) {
    if (b < 0 || b >= static_cast<T>(8 * sizeof(T))) return a < 0 ? T{-1} : T{0};
    return static_cast<T>(a >> b);
  }
};
// Logical on bools, bitwise on integers.
struct And { template <class T> static T apply(T a, T b) { return static_cast<T>(a & b); } };
struct Or { template <class T> static T apply(T a, T b) { return static_cast<T>(a | b); } };
struct Xor { template <class T> static T apply(T a, T b) { return static_cast<T>(a ^ b); } };
struct Invert {
  template <class T> static T apply(T a) {
    if constexpr (std::is_same_v<T, bool>) return !a;
    else return static_cast<T>(~a);
  }
};
struct Lt { template <class T> static bool apply(T a, T b) { return a < b; } };
struct Le { template <class T> static bool apply(T a, T b) { return a <= b; } };
struct Eq { template <class T> static bool apply(T a, T b) { return a == b; } };
struct Ne { template <class T> static bool apply(T a, T b) { return a != b; } };
struct Ge { template <class T> static bool apply(T a, T b) { return a >= b; } };
struct Gt { template <class T> static bool apply(T a, T b) { return a > b; } };
struct Identity { template <class T> static T apply(T a) { return a; } };

#define HPCPP_EXPR_MATH_FUNCTION(Name, call) \
  struct Name {                             \
    template <class T> static T apply(T a) { \
      using std::call;                      \
      return call(a);                       \
    }                                       \
  };
HPCPP_EXPR_MATH_FUNCTION(Sin, sin)
HPCPP_EXPR_MATH_FUNCTION(Cos, cos)
HPCPP_EXPR_MATH_FUNCTION(Tan, tan)
HPCPP_EXPR_MATH_FUNCTION(Arcsin, asin)
HPCPP_EXPR_MATH_FUNCTION(Arccos, acos)
HPCPP_EXPR_MATH_FUNCTION(Arctan, atan)
HPCPP_EXPR_MATH_FUNCTION(Sinh, sinh)
HPCPP_EXPR_MATH_FUNCTION(Cosh, cosh)
HPCPP_EXPR_MATH_FUNCTION(Tanh, tanh)
HPCPP_EXPR_MATH_FUNCTION(Arcsinh, asinh)
HPCPP_EXPR_MATH_FUNCTION(Arccosh, acosh)
HPCPP_EXPR_MATH_FUNCTION(Arctanh, atanh)
HPCPP_EXPR_MATH_FUNCTION(Log, log)
HPCPP_EXPR_MATH_FUNCTION(Log10, log10)
HPCPP_EXPR_MATH_FUNCTION(Exp, exp)
HPCPP_EXPR_MATH_FUNCTION(Sqrt, sqrt)
HPCPP_EXPR_MATH_FUNCTION(Ceil, ceil)
HPCPP_EXPR_MATH_FUNCTION(Floor, floor)
#undef HPCPP_EXPR_MATH_FUNCTION

struct Log1p {
  template <class T> static T apply(T a) {
    if constexpr (is_complex_v<T>) return std::log(T(1) + a);
    else return std::log1p(a);
  }
};
struct Expm1 {
  template <class T> static T apply(T a) {
    if constexpr (is_complex_v<T>) return std::exp(a) - T(1);
    else return std::expm1(a);
  }
};
// numexpr keeps abs() of a complex number complex: the modulus as real part.
struct Abs {
  template <class T> static T apply(T a) {
    if constexpr (is_complex_v<T>) return T(std::abs(a), 0.0);
    else if constexpr (is_int_v<T>) return a < 0 ? Neg::apply(a) : a;
    else return std::fabs(a);
  }
};
struct Log2 {
  template <class T> static T apply(T a) {
    if constexpr (is_complex_v<T>) return std::log(a) / std::log(2.0);
    else return std::log2(a);
  }
};
struct Isnan {
  template <class T> static bool apply(T a) {
    if constexpr (is_complex_v<T>) return std::isnan(a.real()) || std::isnan(a.imag());
    else return std::isnan(a);
  }
};
struct Isfinite {
  template <class T> static bool apply(T a) {
    if constexpr (is_complex_v<T>) return std::isfinite(a.real()) && std::isfinite(a.imag());
    else return std::isfinite(a);
  }
};
struct Isinf {
  template <class T> static bool apply(T a) {
    if constexpr (is_complex_v<T>) return std::isinf(a.real()) || std::isinf(a.imag());
    else return std::isinf(a);
  }
};
struct Signbit { template <class T> static bool apply(T a) { return std::signbit(a); } };
// -1, 0 or 1 (NaN stays NaN); of a complex number z/|z|, as numexpr (and numpy 2) define it.
struct Sign {
  template <class T> static T apply(T a) {
    if constexpr (is_complex_v<T>) {
      if (std::isnan(a.real()) || std::isnan(a.imag())) return T(NAN, NAN);
      const double modulus = std::abs(a);
      return modulus == 0 ? T(0.0, 0.0) : T(a.real() / modulus, a.imag() / modulus);
    } else if constexpr (is_int_v<T>) {
      return static_cast<T>((T{0} < a) - (a < T{0}));
    } else {
      if (a != a) return a;
      return a > 0 ? T(1) : a < 0 ? T(-1) : T(0);
    }
  }
};
// To the nearest integer, halves to even (numpy's round, and rint under the default
// rounding mode); integers are already round.
struct Round {
  template <class T> static T apply(T a) {
    if constexpr (is_complex_v<T>) return T(std::nearbyint(a.real()), std::nearbyint(a.imag()));
    else if constexpr (is_int_v<T>) return a;
    else return std::nearbyint(a);
  }
};
struct Trunc { template <class T> static T apply(T a) { return std::trunc(a); } };
struct Hypot { template <class T> static T apply(T a, T b) { return std::hypot(a, b); } };
struct Copysign { template <class T> static T apply(T a, T b) { return std::copysign(a, b); } };
struct Nextafter { template <class T> static T apply(T a, T b) { return std::nextafter(a, b); } };
struct OnesLike { template <class T> static T apply(T) { return T(1); } };
struct Fmod { template <class T> static T apply(T a, T b) { return std::fmod(a, b); } };
// `first ? a : b` through an all-ones or all-zeros mask, which the vectoriser turns into a
// compare and a blend (it leaves the branch of doubles a branch).
template <class T> T choose(bool first, T a, T b) {
  if constexpr (is_real_v<T>) {
    using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    const Bits mask = Bits{0} - static_cast<Bits>(first);
    return std::bit_cast<T>((std::bit_cast<Bits>(a) & mask) | (std::bit_cast<Bits>(b) & ~mask));
  } else {
    return first ? a : b;
  }
}

// numpy's maximum and minimum: a NaN operand gives NaN. `ordered` is the same choice
// between two numbers that are not NaN, written so that a reduction loop vectorises.
struct Maximum {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_real_v<T>) if (a != a || b != b) return a != a ? a : b;
    return a > b ? a : b;
  }
  template <class T> static T ordered(T a, T b) { return choose(a > b, a, b); }
  template <class T> static T identity() {
    if constexpr (is_real_v<T>) return -std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::lowest();
  }
};
struct Minimum {
  template <class T> static T apply(T a, T b) {
    if constexpr (is_real_v<T>) if (a != a || b != b) return a != a ? a : b;
    return a < b ? a : b;
  }
  template <class T> static T ordered(T a, T b) { return choose(a < b, a, b); }
  template <class T> static T identity() {
    if constexpr (is_real_v<T>) return std::numeric_limits<T>::infinity();
    else return std::numeric_limits<T>::max();
  }
};
struct Arctan2 { template <class T> static T apply(T a, T b) { return std::atan2(a, b); } };
struct Conj { static complex128 apply(complex128 a) { return std::conj(a); } };
struct Real { static double apply(complex128 a) { return a.real(); } };
struct Imag { static double apply(complex128 a) { return a.imag(); } };
struct MakeComplex { static complex128 apply(double a, double b) { return complex128(a, b); } };

}  // namespace
}  // namespace hpcpp::expr::ops
