// libFuzzer target: any bytes as a diff2d checkpoint of a small problem. Inputs of even
// length get their checksum (bytes 56-63) set to the right value first, so that mutations
// reach the checks behind it; odd ones test the checksum itself. Errors must be hpcpp::Errors.
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/diffusion/checkpoint.hpp"
#include "hpcpp/diffusion/problem.hpp"

namespace {

constexpr std::size_t header_size = 64;
constexpr std::size_t checksum_at = 56;

// The problem of the seed corpus: --set dx=2 --set runtime=3 --set outtime=1.
hpcpp::diffusion::Problem fuzz_problem() {
  hpcpp::params::Diff2dParams params;
  params.dx = 2.0;
  params.runtime = 3.0;
  params.outtime = 1.0;
  return hpcpp::diffusion::Problem::from_params(params);
}

void set_checksum(std::string& bytes) {
  std::memset(bytes.data() + checksum_at, 0, sizeof(std::uint64_t));
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  std::memcpy(bytes.data() + checksum_at, &hash, sizeof hash);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hpcpp::diffusion::Problem problem = fuzz_problem();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (size % 2 == 0 && size >= header_size) set_checksum(bytes);
  std::istringstream in(bytes);
  try {
    const auto state = hpcpp::diffusion::read_checkpoint(in, "fuzz.ckpt", problem);
    if (state.step < 0 || state.step > problem.nsteps || state.field.rows() != problem.npnts) __builtin_trap();
  } catch (const hpcpp::Error&) {
  }
  return 0;
}
