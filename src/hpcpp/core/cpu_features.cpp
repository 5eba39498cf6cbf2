#include "hpcpp/core/cpu_features.hpp"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace hpcpp {

bool cpu_has(CpuFeature feature) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  switch (feature) {
    case CpuFeature::avx: return __builtin_cpu_supports("avx") != 0;
    case CpuFeature::avx2: return __builtin_cpu_supports("avx2") != 0;
    case CpuFeature::avx512f: return __builtin_cpu_supports("avx512f") != 0;
    case CpuFeature::bmi2: return __builtin_cpu_supports("bmi2") != 0;
  }
#endif
  (void)feature;
  return false;
}

bool cpu_halves_512_bit_operations() {
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0, &eax, &ebx, &ecx, &edx) == 0) return false;
  const bool amd = ebx == 0x68747541 && edx == 0x69746e65 && ecx == 0x444d4163;  // "AuthenticAMD"
  if (!amd || __get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return false;
  const unsigned base_family = (eax >> 8) & 0xf;
  const unsigned family = base_family + (base_family == 0xf ? (eax >> 20) & 0xff : 0);
  return family == 0x19 && cpu_has(CpuFeature::avx512f);
#else
  return false;
#endif
}

}  // namespace hpcpp
