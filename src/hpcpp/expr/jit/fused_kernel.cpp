#include "hpcpp/expr/jit/fused_kernel.hpp"

#include <xbyak/xbyak.h>

#include <cstdlib>
#include <string_view>

#include "hpcpp/core/cpu_features.hpp"
#include "hpcpp/expr/jit/fused_loops.hpp"
#include "hpcpp/expr/jit/fusion_layout.hpp"
#include "hpcpp/expr/kernels/kernels.hpp"
#include "hpcpp/expr/program.hpp"
#include "hpcpp/profile/region.hpp"

namespace hpcpp::expr {
namespace {

std::uint32_t constant_mask(const Program& plan) {
  std::uint32_t mask = 0;
  for (const auto& c : plan.constants)
    if (c.reg < 32) mask |= std::uint32_t{1} << c.reg;
  return mask;
}

// Executable code, or nullptr where the program cannot be fused, its code does not fit,
// or the system refuses executable pages.
std::unique_ptr<Xbyak::CodeGenerator> compile(const Program& plan, std::uint32_t constants, JitIsa isa) {
  const int vector_registers = isa == JitIsa::avx512 ? avx512_vector_registers : avx2_vector_registers;
  const auto layout = fusion_layout(plan, constants, vector_registers);
  if (!layout || (isa == JitIsa::avx2 && layout->bool_result && !cpu_has(CpuFeature::bmi2))) return nullptr;
  try {
    auto code = isa == JitIsa::avx512 ? avx512_fused_loop(plan, *layout) : avx2_fused_loop(plan, *layout);
    if (!code->setProtectModeRE(false)) return nullptr;
    return code;
  } catch (const Xbyak::Error&) {
    return nullptr;
  }
}

}  // namespace

bool processor_runs(JitIsa isa) {
  return isa == JitIsa::avx512 ? cpu_has(CpuFeature::avx512f) : cpu_has(CpuFeature::avx);
}

std::optional<JitIsa> jit_isa() {
  static const std::optional<JitIsa> isa = []() -> std::optional<JitIsa> {
    const char* fuse = std::getenv("HPCPP_EXPR_FUSE");
    if (fuse && std::string_view(fuse) == "off") return std::nullopt;
    const char* forced = std::getenv("HPCPP_EXPR_ISA");
    const bool avx512_asked = forced && std::string_view(forced) == "avx512";
    if (requested_isa() == RequestedIsa::avx512 && processor_runs(JitIsa::avx512) &&
        (avx512_asked || !cpu_halves_512_bit_operations()))
      return JitIsa::avx512;
    if (processor_runs(JitIsa::avx2)) return JitIsa::avx2;
    return std::nullopt;
  }();
  return isa;
}

bool fused_kernels_enabled() { return jit_isa().has_value(); }

std::shared_ptr<FusedKernelCache> make_fused_kernel_cache() { return std::make_shared<FusedKernelCache>(); }

FusedKernelCache::FusedKernelCache() = default;
FusedKernelCache::~FusedKernelCache() = default;

FusedKernel FusedKernelCache::kernel_for(const Program& plan) {
  const auto isa = jit_isa();
  return isa ? kernel_for(plan, *isa) : nullptr;
}

FusedKernel FusedKernelCache::kernel_for(const Program& plan, JitIsa isa) {
  if (!processor_runs(isa) || plan.register_count > avx512_vector_registers) return nullptr;
  const std::uint32_t mask = constant_mask(plan);
  std::lock_guard lock(mutex_);
  auto [it, inserted] = compiled_.try_emplace({isa, mask});
  if (inserted) {
    HPCPP_PROFILE_REGION("expr.jit");
    it->second = compile(plan, mask, isa);
  }
  return it->second ? it->second->getCode<FusedKernel>() : nullptr;
}

}  // namespace hpcpp::expr
