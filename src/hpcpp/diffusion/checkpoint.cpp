#include "hpcpp/diffusion/checkpoint.hpp"

#include <fmt/core.h>

#include <cstring>
#include <fstream>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::diffusion {
namespace {

constexpr char magic[8] = {'H', 'P', 'C', 'P', 'P', 'C', 'K', '1'};

struct Header {
  char magic[8];
  std::int64_t npnts;
  std::int64_t nsteps;
  std::int64_t step;
  double simtime;
  double dt;
  double coefficient;
  std::uint64_t checksum;  // FNV-1a over the field values
};

std::uint64_t fnv1a(const Field& field) {
  std::uint64_t hash = 1469598103934665603ull;
  for (std::int64_t i = 0; i < field.rows(); ++i) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(field.row(i));
    for (std::size_t b = 0; b < static_cast<std::size_t>(field.cols()) * sizeof(double); ++b) {
      hash ^= bytes[b];
      hash *= 1099511628211ull;
    }
  }
  return hash;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

void write_checkpoint(const std::filesystem::path& file, const Problem& problem, std::int64_t step, double simtime,
                      const Field& field) {
  Header h{};
  std::memcpy(h.magic, magic, sizeof magic);
  h.npnts = problem.npnts;
  h.nsteps = problem.nsteps;
  h.step = step;
  h.simtime = simtime;
  h.dt = problem.dt;
  h.coefficient = problem.coefficient;
  h.checksum = fnv1a(field);
  write_file_atomically(file, [&](std::ostream& out) {
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    for (std::int64_t i = 0; i < field.rows(); ++i)
      out.write(reinterpret_cast<const char*>(field.row(i)), static_cast<std::streamsize>(field.cols() * sizeof(double)));
  });
}

Checkpoint read_checkpoint(const std::filesystem::path& file, const Problem& problem) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open checkpoint: {}", name, std::strerror(errno)));
  Header h{};
  if (!in.read(reinterpret_cast<char*>(&h), sizeof h) || std::memcmp(h.magic, magic, sizeof magic) != 0)
    throw Error(fmt::format("{}: not an hpcpp diff2d checkpoint", name));
  if (h.npnts != problem.npnts || !same_bits(h.dt, problem.dt) || !same_bits(h.coefficient, problem.coefficient))
    throw Error(fmt::format("{}: checkpoint is for a different problem ({} x {} points, dt = {}), not {} x {}, dt = {}",
                            name, h.npnts, h.npnts, h.dt, problem.npnts, problem.npnts, problem.dt));
  if (h.step < 0 || h.step > problem.nsteps)
    throw Error(fmt::format("{}: checkpoint step {} is outside 0..{}", name, h.step, problem.nsteps));
  Checkpoint state{h.step, h.simtime, Field(h.npnts)};
  for (std::int64_t i = 0; i < h.npnts; ++i)
    if (!in.read(reinterpret_cast<char*>(state.field.row(i)), static_cast<std::streamsize>(h.npnts * sizeof(double))))
      throw Error(fmt::format("{}: checkpoint is truncated", name));
  if (fnv1a(state.field) != h.checksum) throw Error(fmt::format("{}: checkpoint is corrupt (checksum mismatch)", name));
  return state;
}

}  // namespace hpcpp::diffusion
