#include "hpcpp/expr/kernels/bytes_kernels.hpp"

#include <algorithm>
#include <functional>
#include <cstring>
#include <string_view>

namespace hpcpp::expr {

int compare_bytes(const char* a, std::int64_t a_size, const char* b, std::int64_t b_size) {
  const std::int64_t length = std::max(a_size, b_size);
  for (std::int64_t i = 0; i < length; ++i) {
    // numexpr compares `char`, which is signed on the processors it is built for.
    const auto x = static_cast<signed char>(i < a_size ? a[i] : 0), y = static_cast<signed char>(i < b_size ? b[i] : 0);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

bool bytes_contain(const char* haystack, std::int64_t haystack_size, const char* needle, std::int64_t needle_size) {
  const auto up_to_nul = [](const char* s, std::int64_t size) {
    const void* nul = std::memchr(s, 0, static_cast<std::size_t>(size));
    return std::string_view(s, nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - s) : static_cast<std::size_t>(size));
  };
  return up_to_nul(haystack, haystack_size).find(up_to_nul(needle, needle_size)) != std::string_view::npos;
}

namespace {

template <class Test>
void bytes_loop(std::int64_t n, void* out, const void* const* in, const std::int64_t* sizes, const std::int64_t* strides) {
  auto* o = static_cast<bool*>(out);
  const auto* a = static_cast<const char*>(in[0]);
  const auto* b = static_cast<const char*>(in[1]);
  for (std::int64_t i = 0; i < n; ++i) o[i] = Test::apply(a + i * strides[0], sizes[0], b + i * strides[1], sizes[1]);
}

template <class Relation>
struct Comparison {
  static bool apply(const char* a, std::int64_t la, const char* b, std::int64_t lb) {
    return Relation()(compare_bytes(a, la, b, lb), 0);
  }
};

struct Contains {
  static bool apply(const char* a, std::int64_t la, const char* b, std::int64_t lb) { return bytes_contain(a, la, b, lb); }
};

}  // namespace

BytesKernel bytes_kernel(Op op) {
  switch (op) {
    case Op::Lt: return bytes_loop<Comparison<std::less<>>>;
    case Op::Le: return bytes_loop<Comparison<std::less_equal<>>>;
    case Op::Eq: return bytes_loop<Comparison<std::equal_to<>>>;
    case Op::Ne: return bytes_loop<Comparison<std::not_equal_to<>>>;
    case Op::Ge: return bytes_loop<Comparison<std::greater_equal<>>>;
    case Op::Gt: return bytes_loop<Comparison<std::greater<>>>;
    case Op::Contains: return bytes_loop<Contains>;
    default: return nullptr;
  }
}

}  // namespace hpcpp::expr
