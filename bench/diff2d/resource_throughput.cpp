// Throughput of each resource the AVX-512 diff2d loop uses, in core cycles: groups of
// independent instructions in inline assembly, timed with rdtsc (minimum over many short
// samples), the core clock measured against the TSC by a chain of dependent integer adds.
// "per 8 points" groups hold one 512-bit vector's share of the loop: 3 adds, 3 multiplies or
// FMAs (vmulpd stands for both: same pipes), 2 lane shifts, 2 loads and 1 store.
// Build and run: bench/diff2d/kernel_cycles.sh (docs/BENCHMARKS.md, diff2d floor).
#include <x86intrin.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#define REP4(x) x x x x
#define ADD3 "vaddpd %%zmm31,%%zmm30,%%zmm0\n\tvaddpd %%zmm29,%%zmm28,%%zmm1\n\tvaddpd %%zmm27,%%zmm26,%%zmm2\n\t"
#define MUL3 "vmulpd %%zmm31,%%zmm30,%%zmm3\n\tvmulpd %%zmm29,%%zmm28,%%zmm4\n\tvmulpd %%zmm27,%%zmm26,%%zmm5\n\t"
#define ALIGN2 "valignq $1,%%zmm31,%%zmm30,%%zmm6\n\tvalignq $7,%%zmm29,%%zmm28,%%zmm7\n\t"
#define LOAD2 "vmovupd 256(%0),%%zmm8\n\tvmovupd 320(%0),%%zmm9\n\t"
#define STORE1 "vmovupd %%zmm25,128(%0)\n\t"

namespace {

alignas(64) double buffer[2048] = {1.0};

template <class Run>
double best_ticks_of(int samples, Run run) {
  std::uint64_t best = UINT64_MAX;
  for (int r = 0; r < samples; ++r) {
    const std::uint64_t t0 = __rdtsc();
    run();
    best = std::min<std::uint64_t>(best, __rdtsc() - t0);
  }
  return static_cast<double>(best);
}

template <class Run>
double best_ticks(Run run) {
  return best_ticks_of(2000, run);
}

double clock_ratio() {
  double best = 0;
  for (int r = 0; r < 100; ++r) {
    std::uint64_t x = 0;
    const std::uint64_t t0 = __rdtsc();
    for (int i = 0; i < 100'000; ++i) asm volatile(REP4("add $1, %0\n\tadd $1, %0\n\t") : "+r"(x));
    best = std::max(best, 8e5 / static_cast<double>(__rdtsc() - t0));
  }
  return best;
}

// The two-row loop's body as g++ 12 compiles it (objdump of avx512_rows_impl<2, false>, its
// pointer increments left out): with its dependencies, but every pass on the same addresses.
// (Its registers zmm16-22 need -mavx512f.)
#define LOOP_BODY \
  "vmovapd %%zmm10,%%zmm9\n\t" \
  "vmovapd %%zmm11,%%zmm12\n\t" \
  "vmovapd %%zmm1,%%zmm13\n\t" \
  "vmovapd %%zmm22,%%zmm21\n\t" \
  "vfmadd231pd %%zmm0,%%zmm5,%%zmm7\n\t" \
  "vfmadd231pd %%zmm3,%%zmm5,%%zmm6\n\t" \
  "vmovupd 0x40(%%r13,%%rax,8),%%zmm11\n\t" \
  "vmovupd 0x40(%%r10,%%rax,8),%%zmm10\n\t" \
  "vmovapd %%zmm12,%%zmm22\n\t" \
  "vmovapd %%zmm7,%%zmm2\n\t" \
  "vmovapd %%zmm6,%%zmm1\n\t" \
  "vaddpd %%zmm19,%%zmm20,%%zmm7\n\t" \
  "vmulpd %%zmm2,%%zmm4,%%zmm2\n\t" \
  "vaddpd %%zmm16,%%zmm17,%%zmm6\n\t" \
  "vaddpd (%%rbx,%%rax,8),%%zmm9,%%zmm20\n\t" \
  "valignq $0x1,%%zmm12,%%zmm11,%%zmm19\n\t" \
  "vmulpd %%zmm1,%%zmm4,%%zmm1\n\t" \
  "vaddpd (%%rsi,%%rax,8),%%zmm12,%%zmm16\n\t" \
  "valignq $0x1,%%zmm9,%%zmm10,%%zmm17\n\t" \
  "vfmadd231pd %%zmm15,%%zmm18,%%zmm7\n\t" \
  "valignq $0x7,%%zmm21,%%zmm12,%%zmm18\n\t" \
  "vfmadd231pd %%zmm15,%%zmm14,%%zmm6\n\t" \
  "valignq $0x7,%%zmm13,%%zmm9,%%zmm14\n\t" \
  "vaddpd %%zmm0,%%zmm2,%%zmm0\n\t" \
  "vaddpd %%zmm3,%%zmm1,%%zmm1\n\t" \
  "vmovapd %%zmm13,%%zmm3\n\t" \
  "vmovupd %%zmm0,(%%rdx)\n\t" \
  "vmovapd %%zmm21,%%zmm0\n\t" \
  "vmovupd %%zmm1,(%%rdi,%%rdx,1)\n\t" \
  "vmovapd %%zmm9,%%zmm1\n\t"

double loop_body_cycles_per_16_points(double ratio) {
  const double ticks = best_ticks([] {
    asm volatile(
        "mov %0, %%rdx\n\tmov %0, %%r13\n\tmov %0, %%r10\n\tmov %0, %%rbx\n\tmov %0, %%rsi\n\t"
        "mov $512, %%rdi\n\tadd $4096, %%rdx\n\txor %%eax, %%eax\n\t"
        "vbroadcastsd (%0), %%zmm4\n\tvbroadcastsd (%0), %%zmm5\n\tvbroadcastsd (%0), %%zmm15\n\t"
        "mov $125, %%ecx\n\t1:\n\t" LOOP_BODY LOOP_BODY LOOP_BODY LOOP_BODY "dec %%ecx\n\tjnz 1b\n\t" ::"r"(buffer)
        : "rax", "rcx", "rdx", "r13", "r10", "rbx", "rsi", "rdi", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
          "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "xmm16",
          "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22");
  });
  return ratio * ticks / 500.0;
}

// Core cycles per 64-byte line of a copy from one array to another of `bytes` each, the
// traffic of one sweep step per 8 updates (one line read, one line written and, for the
// write, its line read for ownership), repeated until it is warm in whatever level holds it.
double copy_cycles_per_line(double ratio, std::size_t bytes) {
  const std::size_t lines = bytes / 64;
  std::vector<double> storage(2 * lines * 8 + 8);
  double* from = storage.data() + (8 - reinterpret_cast<std::uintptr_t>(storage.data()) % 64 / 8) % 8;
  double* to = from + lines * 8;
  const double ticks = best_ticks_of(20, [&] {
    for (std::size_t k = 0; k + 4 <= lines; k += 4)
      asm volatile(
          "vmovupd (%0), %%zmm0\n\tvmovupd %%zmm0, (%1)\n\tvmovupd 64(%0), %%zmm1\n\tvmovupd %%zmm1, 64(%1)\n\t"
          "vmovupd 128(%0), %%zmm2\n\tvmovupd %%zmm2, 128(%1)\n\tvmovupd 192(%0), %%zmm3\n\tvmovupd %%zmm3, 192(%1)" ::"r"(
              from + 8 * k),
          "r"(to + 8 * k)
          : "xmm0", "xmm1", "xmm2", "xmm3", "memory");
  });
  return ratio * ticks / static_cast<double>(lines);
}

}  // namespace

#define PROBE(name, groups, body)                                                                              \
  std::printf("%-40s %.2f core cycles\n", name,                                                               \
              ratio * best_ticks([] {                                                                          \
                for (int i = 0; i < 500; ++i)                                                                  \
                  asm volatile(body ::"r"(buffer)                                                              \
                               : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", \
                                 "memory");                                                                    \
              }) / (500.0 * (groups)))

int main() {
  const double ratio = clock_ratio();
  std::printf("core cycles per TSC tick %.3f\n", ratio);
  PROBE("vaddpd zmm, one", 8, REP4("vaddpd %%zmm31,%%zmm30,%%zmm0\n\tvaddpd %%zmm29,%%zmm28,%%zmm1\n\t"));
  PROBE("vmulpd zmm, one", 8, REP4("vmulpd %%zmm31,%%zmm30,%%zmm0\n\tvmulpd %%zmm29,%%zmm28,%%zmm1\n\t"));
  PROBE("vaddpd and vmulpd alternating, one", 8,
        REP4("vaddpd %%zmm31,%%zmm30,%%zmm0\n\tvmulpd %%zmm29,%%zmm28,%%zmm1\n\t"));
  PROBE("valignq zmm, one", 8, REP4("valignq $1,%%zmm31,%%zmm30,%%zmm0\n\tvalignq $7,%%zmm29,%%zmm28,%%zmm1\n\t"));
  PROBE("valignq ymm, one", 8, REP4("valignq $1,%%ymm31,%%ymm30,%%ymm0\n\tvalignq $3,%%ymm29,%%ymm28,%%ymm1\n\t"));
  PROBE("vmovapd zmm register copy, one", 8, REP4("vmovapd %%zmm31,%%zmm0\n\tvmovapd %%zmm30,%%zmm1\n\t"));
  PROBE("load zmm, aligned, one", 8, REP4("vmovupd (%0),%%zmm0\n\tvmovupd 64(%0),%%zmm1\n\t"));
  PROBE("load zmm, across two lines, one", 8, REP4("vmovupd 8(%0),%%zmm0\n\tvmovupd 72(%0),%%zmm1\n\t"));
  PROBE("store zmm, aligned, one", 8, REP4("vmovupd %%zmm0,(%0)\n\tvmovupd %%zmm1,64(%0)\n\t"));
  PROBE("per 8 points: adds + muls", 4, REP4(ADD3 MUL3));
  PROBE("per 8 points: adds + muls + shifts", 4, REP4(ADD3 MUL3 ALIGN2));
  PROBE("per 8 points: all (loop's mix)", 4, REP4(ADD3 MUL3 ALIGN2 LOAD2 STORE1));
  PROBE("per 8 points: one shift as a split load", 4,
        REP4(ADD3 MUL3 "valignq $1,%%zmm31,%%zmm30,%%zmm6\n\tvmovupd 8(%0),%%zmm7\n\t" LOAD2 STORE1));
  std::printf("%-40s %.2f core cycles\n", "per 8 points: the loop's body, its dependencies",
              loop_body_cycles_per_16_points(ratio) / 2);
  for (const std::size_t kib : {16, 256, 727, 4096})
    std::printf("copy of %4zu KiB to another array: %.2f core cycles per 64-byte line\n", kib,
                copy_cycles_per_line(ratio, kib * 1024));
}
