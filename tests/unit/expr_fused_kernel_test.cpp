// Float64 arithmetic, comparisons, & | ~ and where() compiled to one machine-code loop give
// the same bits as the kernels run one by one (any NaN for a NaN), on random expressions, lengths around the vector width, special values,
// strided inputs (x[::2]), constants and 0-d inputs (s); every operation, in the code of
// each instruction set the processor runs (AVX2, AVX-512), on lengths that leave every
// tail and on inputs and outputs that start off the vector alignment: at every element of
// a 64-byte line, in and out of step, with nothing read or written outside the n elements.
#include <fmt/core.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "hpcpp/core/cpu_features.hpp"
#include "hpcpp/expr/expr.hpp"
#include "hpcpp/expr/jit/fused_kernel.hpp"
#include "hpcpp/expr/program.hpp"

namespace {

using hpcpp::expr::ArrayRef;
using hpcpp::expr::DType;
using hpcpp::expr::JitIsa;

std::string random_expression(std::mt19937& rng, int depth);

std::string random_condition(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* comparisons[] = {"<", "<=", "==", "!=", ">=", ">"};
  if (depth == 0 || pick(3) == 0)
    return fmt::format("({} {} {})", random_expression(rng, depth), comparisons[pick(6)], random_expression(rng, depth));
  const std::string p = random_condition(rng, depth - 1), q = random_condition(rng, depth - 1);
  switch (pick(3)) {
    case 0: return fmt::format("~{}", p);
    case 1: return fmt::format("({} & {})", p, q);
    default: return fmt::format("({} | {})", p, q);
  }
}

std::string random_expression(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  if (depth == 0 || pick(4) == 0) {
    const char* leaves[] = {"a", "b", "x[::2]", "s", "2.5", "0.1", "3", "a", "b"};
    return leaves[pick(9)];
  }
  const std::string x = random_expression(rng, depth - 1), y = random_expression(rng, depth - 1);
  switch (pick(9)) {
    case 0: return fmt::format("-({})", x);
    case 1: return fmt::format("abs({})", x);
    case 2: return fmt::format("sqrt({})", x);
    case 3: return fmt::format("({})**2", x);
    case 4: return fmt::format("where({}, {}, {})", random_condition(rng, depth - 1), x, y);
    default: return fmt::format("({} {} {})", x, "+-*/"[pick(4)], y);
  }
}

// Evaluates `text` fused and kernel by kernel on 1 and 2 threads; fails on any difference
// but one NaN for another. Returns whether the program was fused.
template <class T>
bool expect_same_results(const std::string& text, const hpcpp::expr::Bindings& in, std::int64_t n) {
  const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(in));
  if (program.result_dtype != hpcpp::expr::dtype_of<T>::value) return false;  // "3" alone
  const auto shape = hpcpp::expr::result_shape(program, in);
  std::int64_t count = 1;
  for (auto d : shape) count *= d;
  using Stored = std::conditional_t<std::is_same_v<T, bool>, unsigned char, T>;
  std::vector<Stored> fused(static_cast<std::size_t>(count) + 1), separate(fused.size());
  for (int threads : {1, 2}) {
    hpcpp::expr::evaluate(program, in, ArrayRef::contiguous(fused.data(), program.result_dtype, shape), {threads, true});
    hpcpp::expr::evaluate(program, in, ArrayRef::contiguous(separate.data(), program.result_dtype, shape), {threads, false});
    for (std::size_t i = 0; i < fused.size(); ++i) {
      // A NaN's sign and payload depend on operand order, which the compiler may swap.
      if constexpr (std::is_floating_point_v<T>)
        if (std::isnan(fused[i]) && std::isnan(separate[i])) continue;
      EXPECT_EQ(std::memcmp(&fused[i], &separate[i], sizeof(Stored)), 0)
          << text << " n " << n << " at " << i << ": " << +fused[i] << " vs " << +separate[i];
      if (std::memcmp(&fused[i], &separate[i], sizeof(Stored)) != 0) return false;
    }
  }
  return program.fused->kernel_for(program) != nullptr;
}

std::vector<double> values(std::mt19937& rng, std::size_t n) {
  const double special[] = {0.0, -0.0, 1.0, -1.0, std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::denorm_min(), 1e300, -1e-300};
  std::uniform_real_distribution<double> uniform(-10, 10);
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = rng() % 5 == 0 ? special[rng() % 10] : uniform(rng);
  return v;
}

TEST(ExprFusedKernel, SameBitsAsTheKernelsOneByOne) {
  if (!hpcpp::expr::fused_kernels_enabled()) GTEST_SKIP() << "no AVX, or fusing is switched off";
  std::mt19937 rng(7);
  int fused_programs = 0;
  for (const std::int64_t n : {0, 1, 3, 4, 5, 7, 8, 255, 256, 257, 1001, 40003}) {
    std::vector<double> a = values(rng, static_cast<std::size_t>(n)), b = values(rng, static_cast<std::size_t>(n));
    std::vector<double> x = values(rng, static_cast<std::size_t>(2 * n));
    double s = -0.75;
    const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(a.data(), DType::Float64, {n})},
                                   {"x", ArrayRef::contiguous(x.data(), DType::Float64, {2 * n})},
                                   {"b", ArrayRef::contiguous(b.data(), DType::Float64, {n})},
                                   {"s", ArrayRef::scalar(&s, DType::Float64)}};
    for (int k = 0; k < 60; ++k) {
      fused_programs += expect_same_results<double>(random_expression(rng, 4), in, n);
      fused_programs += expect_same_results<bool>(random_condition(rng, 3), in, n);
    }
  }
  EXPECT_GT(fused_programs, 800);  // most of the 1440 random programs are fused
}

TEST(ExprFusedKernel, ProgramsItCannotFuseStillRun) {
  std::vector<double> a{1, 2, 3, 4, 5};
  std::vector<float> f{1, 2, 3, 4, 5};
  const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(a.data(), DType::Float64, {5})},
                                 {"f", ArrayRef::contiguous(f.data(), DType::Float32, {5})}};
  std::vector<unsigned char> m{1, 0, 1, 1, 0};
  const hpcpp::expr::Bindings with_bools{{"a", in.at("a")}, {"f", in.at("f")}, {"m", ArrayRef::contiguous(m.data(), DType::Bool, {5})}};
  for (const char* text : {"where(m, a, 0.5)", "sin(a) * a", "f * 2", "a * f", "m & (a > 2)"}) {
    const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(with_bools));
    EXPECT_EQ(program.fused->kernel_for(program), nullptr) << text;
  }
}

// One program of each fused operation (copy: a bare input), with a constant and bool results.
const char* const every_operation[] = {
    "a + b", "a - b", "a * b", "a / b", "-a", "abs(a)", "sqrt(a)", "a", "a * 2.5 - b",
    "a < b", "a <= b", "a == b", "a != b", "a >= b", "a > b", "(a < b) & (b < 1.5)", "(a < b) | (b < 1.5)",
    "~(a < b)", "where(a < b, a, b)", "where(~(a >= 0.5), -b, sqrt(a))"};

std::vector<JitIsa> isas_this_processor_runs() {
  std::vector<JitIsa> isas;
  for (JitIsa isa : {JitIsa::avx2, JitIsa::avx512})
    if (hpcpp::expr::processor_runs(isa)) isas.push_back(isa);
  return isas;
}

const char* name_of(JitIsa isa) { return isa == JitIsa::avx512 ? "avx512" : "avx2"; }

// Runs `isa`'s kernel of `text` straight on a, b (n elements each) into out, whose element
// n and beyond (out_capacity bytes from out) and the `guard_before` bytes before it must
// stay as they were, and compares with the kernels one by one.
void expect_kernel_matches(JitIsa isa, const std::string& text, const double* a, const double* b, std::int64_t n,
                           unsigned char* out, std::size_t out_capacity, std::size_t guard_before = 0) {
  const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(const_cast<double*>(a), DType::Float64, {n})},
                                 {"b", ArrayRef::contiguous(const_cast<double*>(b), DType::Float64, {n})}};
  const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(in));
  const hpcpp::expr::FusedKernel kernel = program.fused->kernel_for(program, isa);
  ASSERT_NE(kernel, nullptr) << text << " " << name_of(isa);
  std::vector<const void*> registers(static_cast<std::size_t>(program.register_count), nullptr);
  for (const auto& input : program.inputs) registers[static_cast<std::size_t>(input.reg)] = input.name == "a" ? a : b;
  for (const auto& c : program.constants) registers[static_cast<std::size_t>(c.reg)] = c.value.bytes;
  const std::size_t size = hpcpp::expr::dtype_size(program.result_dtype), bytes = static_cast<std::size_t>(n) * size;
  std::memset(out - guard_before, 0x5a, guard_before + out_capacity);
  kernel(n, out, registers.data());
  std::vector<unsigned char> expected(bytes);
  hpcpp::expr::evaluate(program, in, ArrayRef::contiguous(expected.data(), program.result_dtype, {n}), {1, false});
  for (std::size_t at = 0; at < bytes; at += size) {
    if (size == sizeof(double)) {
      double got, want;
      std::memcpy(&got, out + at, size);
      std::memcpy(&want, expected.data() + at, size);
      if (std::isnan(got) && std::isnan(want)) continue;  // a NaN's sign and payload may differ
    }
    ASSERT_EQ(std::memcmp(out + at, expected.data() + at, size), 0) << text << " " << name_of(isa) << " n " << n << " at " << at / size;
  }
  for (std::size_t at = bytes; at < out_capacity; ++at) ASSERT_EQ(out[at], 0x5a) << text << " " << name_of(isa) << " wrote past n " << n;
  for (std::size_t at = 1; at <= guard_before; ++at)
    ASSERT_EQ(out[-static_cast<std::ptrdiff_t>(at)], 0x5a) << text << " " << name_of(isa) << " n " << n << " wrote " << at << " bytes before out";
}

// The first element of v on a 64-byte boundary (v has 8 elements to spare).
double* line_start(std::vector<double>& v) {
  const auto address = reinterpret_cast<std::uintptr_t>(v.data());
  return v.data() + (-address & 63) / sizeof(double);
}

// Programs with a float64 and a bool result (whose head follows the first input, not out),
// and with one input.
const char* const head_programs[] = {"a * 2.5 - b", "where(a < b, a, sqrt(b))", "(a < b) | (b < 1.5)", "abs(a)"};

TEST(ExprFusedKernel, EveryOperationOnEveryInstructionSetEveryTailAndAlignment) {
  if (isas_this_processor_runs().empty()) GTEST_SKIP() << "no AVX";
  std::mt19937 rng(11);
  for (const std::int64_t n : {1, 7, 9, 15, 17, 1000003}) {
    const auto count = static_cast<std::size_t>(n);
    // Offsets of 1 and 3 elements start the inputs and out off any 16-, 32- or 64-byte line.
    std::vector<double> a = values(rng, count + 8), b = values(rng, count + 8);
    std::vector<unsigned char> out((count + 16) * sizeof(double));
    for (const int offset : {0, 1, 3}) {
      const auto skip = static_cast<std::size_t>(offset);
      for (JitIsa isa : isas_this_processor_runs())
        for (const char* text : every_operation)
          expect_kernel_matches(isa, text, a.data() + skip, b.data() + (skip + 1) % 8, n, out.data() + skip * 9,
                                out.size() - skip * 9);
    }
  }
}

TEST(ExprFusedKernel, EveryStartWithinACacheLineWritesOnlyItsElements) {
  // out 0 to 7 elements past a 64-byte boundary, a and b as far or at other distances, so
  // that every head length (0 to 7, cut short by n) is run with inputs in and out of step.
  if (isas_this_processor_runs().empty()) GTEST_SKIP() << "no AVX";
  std::mt19937 rng(13);
  constexpr std::size_t longest = 1003, guard = 64;
  std::vector<double> a_storage = values(rng, longest + 16), b_storage = values(rng, longest + 16);
  std::vector<double> out_storage(longest + 32);
  double* a_line = line_start(a_storage);
  double* b_line = line_start(b_storage);
  auto* out_line = reinterpret_cast<unsigned char*>(line_start(out_storage)) + guard;
  std::vector<std::int64_t> lengths(21);
  std::iota(lengths.begin(), lengths.end(), 0);
  lengths.push_back(longest);
  for (const std::int64_t n : lengths)
    for (std::size_t out_offset = 0; out_offset < 8; ++out_offset)
      for (const std::size_t a_shift : {0u, 1u, 5u})
        for (JitIsa isa : isas_this_processor_runs())
          for (const char* text : head_programs) {
            const double* a = a_line + (out_offset + a_shift) % 8;
            const double* b = b_line + (out_offset + 2 * a_shift + 3) % 8;
            unsigned char* out = out_line + out_offset * sizeof(double);
            const std::size_t capacity = (longest + 16) * sizeof(double) - out_offset * sizeof(double);
            expect_kernel_matches(isa, text, a, b, n, out, capacity, guard + out_offset * sizeof(double));
            if (HasFatalFailure()) return;
          }
}

TEST(ExprFusedKernel, ReadsNothingBeforeTheFirstElement) {
  // The inputs start where an unreadable page ends (b, or both) or end where one begins,
  // while out (or, for bool results, a) starts off a 64-byte boundary: a head load that
  // reached back before element 0 or past n would fault.
  if (isas_this_processor_runs().empty()) GTEST_SKIP() << "no AVX";
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* pages = mmap(nullptr, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(pages, MAP_FAILED);
  auto* first = static_cast<char*>(pages);
  ASSERT_EQ(mprotect(first, page, PROT_NONE), 0);
  ASSERT_EQ(mprotect(first + 2 * page, page, PROT_NONE), 0);
  auto* start = reinterpret_cast<double*>(first + page);
  auto* end = reinterpret_cast<double*>(first + 2 * page);
  std::mt19937 rng(17);
  const std::vector<double> v = values(rng, page / sizeof(double));
  std::copy(v.begin(), v.end(), start);
  std::vector<double> a_storage = values(rng, 40);
  double* a_line = line_start(a_storage);
  std::vector<double> out_storage(64);
  auto* out_line = reinterpret_cast<unsigned char*>(line_start(out_storage)) + 64;
  for (std::int64_t n = 1; n <= 20; ++n)
    for (std::size_t offset = 1; offset < 8; ++offset)
      for (JitIsa isa : isas_this_processor_runs())
        for (const char* text : head_programs) {
          unsigned char* out = out_line + offset * sizeof(double);
          const std::size_t capacity = 24 * sizeof(double);
          expect_kernel_matches(isa, text, start, start, n, out, capacity, 64 + offset * sizeof(double));
          expect_kernel_matches(isa, text, a_line + offset, start, n, out, capacity, 64 + offset * sizeof(double));
          expect_kernel_matches(isa, text, end - n, end - n, n, out, capacity, 64 + offset * sizeof(double));
          if (HasFatalFailure()) return;
        }
  munmap(pages, 3 * page);
}

TEST(ExprFusedKernel, ReadsNothingPastTheLastElement) {
  // The inputs end where an unreadable page begins: a load past n would fault.
  if (isas_this_processor_runs().empty()) GTEST_SKIP() << "no AVX";
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* pages = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(pages, MAP_FAILED);
  ASSERT_EQ(mprotect(static_cast<char*>(pages) + page, page, PROT_NONE), 0);
  auto* end = reinterpret_cast<double*>(static_cast<char*>(pages) + page);
  std::mt19937 rng(3);
  const std::vector<double> v = values(rng, 17);
  std::vector<unsigned char> out(32 * sizeof(double));
  for (const std::int64_t n : {1, 7, 9, 15, 17}) {
    double* a = end - n;
    std::copy(v.begin(), v.begin() + n, a);
    for (JitIsa isa : isas_this_processor_runs())
      for (const char* text : {"a * b + 0.5", "where(a > 0.5, a, b)", "(a < b) | (b > 0.25)"})
        expect_kernel_matches(isa, text, a, a, n, out.data(), out.size());
  }
  munmap(pages, 2 * page);
}

TEST(ExprFusedKernel, Avx512HoldsProgramsOfMoreThanSixteenRegisters) {
  if (!hpcpp::expr::processor_runs(JitIsa::avx512)) GTEST_SKIP() << "no AVX-512F";
  // Each constant owns a register: 20 of them, with a and b, need 22 vector registers.
  std::string text = "a";
  for (int k = 1; k <= 20; ++k) text += fmt::format(" {} {}.5 * {}", k % 2 ? "+" : "-", k, k % 3 ? "a" : "b");
  std::mt19937 rng(5);
  const std::vector<double> a = values(rng, 40), b = values(rng, 40);
  std::vector<unsigned char> out(48 * sizeof(double));
  const hpcpp::expr::Bindings in{{"a", ArrayRef::contiguous(const_cast<double*>(a.data()), DType::Float64, {40})},
                                 {"b", ArrayRef::contiguous(const_cast<double*>(b.data()), DType::Float64, {40})}};
  const auto program = hpcpp::expr::compile(text, hpcpp::expr::signature_of(in));
  ASSERT_GT(program.register_count, 16) << program.listing();
  EXPECT_EQ(program.fused->kernel_for(program, JitIsa::avx2), nullptr);
  for (const std::int64_t n : {1, 9, 40}) expect_kernel_matches(JitIsa::avx512, text, a.data(), b.data(), n, out.data(), out.size());
}

TEST(ExprFusedKernel, ProgramsOfThousandsOfInstructionsFitTheirCode) {
  if (isas_this_processor_runs().empty()) GTEST_SKIP() << "no AVX";
  // Twelve chains of 150 operations each: about 1800 instructions in few registers.
  std::mt19937 rng(9);
  std::string text;
  for (int chain = 0; chain < 12; ++chain) {
    std::string c = "a";
    for (int k = 0; k < 150; ++k) c = fmt::format("({} {} {})", c, "+-*/"[rng() % 4], "ab"[rng() % 2]);
    text += (chain ? " + " : "") + c;
  }
  const std::vector<double> a = values(rng, 17), b = values(rng, 17);
  std::vector<unsigned char> out(24 * sizeof(double));
  for (JitIsa isa : isas_this_processor_runs()) expect_kernel_matches(isa, text, a.data(), b.data(), 17, out.data(), out.size());
}

TEST(ExprFusedKernel, InstructionSetFollowsTheProcessorAndHpcppExprIsa) {
  const char* fuse = std::getenv("HPCPP_EXPR_FUSE");
  if (fuse && std::string(fuse) == "off") GTEST_SKIP() << "fusing is switched off";
  if (!hpcpp::expr::processor_runs(JitIsa::avx2)) GTEST_SKIP() << "no AVX";
  const char* requested = std::getenv("HPCPP_EXPR_ISA");
  const bool avx2_asked = requested && (std::string(requested) == "avx2" || std::string(requested) == "baseline");
  const bool avx512_asked = requested && std::string(requested) == "avx512";
  const bool avx512_chosen = avx512_asked || !hpcpp::cpu_halves_512_bit_operations();
  const JitIsa expected = !avx2_asked && avx512_chosen && hpcpp::expr::processor_runs(JitIsa::avx512) ? JitIsa::avx512 : JitIsa::avx2;
  EXPECT_EQ(hpcpp::expr::jit_isa(), expected);
}

}  // namespace
