// libFuzzer target: any text, compiled against a fixed signature and, when it compiles,
// evaluated on small arrays. Errors must be hpcpp::Errors; nothing may crash, leak or hang.
#include <complex>
#include <cstdint>
#include <string_view>
#include <vector>

#include "hpcpp/expr/expr.hpp"

using namespace hpcpp::expr;

namespace {

constexpr std::int64_t n = 7;

struct Inputs {
  std::vector<double> a{0.5, -1.0, 0.0, -0.0, 1e300, 3.0, 2.5};
  std::vector<std::int32_t> b{0, 1, -1, 7, -7, 2147483647, -2147483647 - 1};
  std::vector<std::int64_t> l{0, 1, -1, 64, -64, 3, 9};
  std::vector<float> f{0.5f, -1.0f, 0.0f, 1e30f, 2.0f, -3.5f, 7.0f};
  unsigned char m[n] = {1, 0, 1, 1, 0, 0, 1};
  std::vector<std::complex<double>> z{{1, 2}, {0, 0}, {-1, 0.5}, {3, 3}, {0, -1}, {2, 0}, {1e10, 1}};
  std::vector<double> u = std::vector<double>(n * n, 1.25);
  // Seven strings of three bytes: "ab", "bc", "", "\x80a", "abc", "ab", "b".
  char s[n * 3 + 1] = "ab\0bc\0\0\0\0\x80" "a\0abcab\0b\0\0";
  Bindings bindings{
      {"a", ArrayRef::contiguous(a.data(), DType::Float64, {n})},
      {"b", ArrayRef::contiguous(b.data(), DType::Int32, {n})},
      {"l", ArrayRef::contiguous(l.data(), DType::Int64, {n})},
      {"f", ArrayRef::contiguous(f.data(), DType::Float32, {n})},
      {"m", ArrayRef::contiguous(m, DType::Bool, {n})},
      {"z", ArrayRef::contiguous(z.data(), DType::Complex128, {n})},
      {"u", ArrayRef::contiguous(u.data(), DType::Float64, {n, n})},
      {"s", ArrayRef::bytes(s, 3, {n})},
  };
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Inputs inputs;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Program p = compile(text, signature_of(inputs.bindings));
    const auto shape = result_shape(p, inputs.bindings);
    std::int64_t count = 1;
    for (auto d : shape) count *= d;
    std::vector<std::complex<double>> out(static_cast<std::size_t>(count) + 1);
    evaluate(p, inputs.bindings, ArrayRef::contiguous(out.data(), p.result_dtype, shape), {1});
  } catch (const hpcpp::Error&) {
  }
  return 0;
}
