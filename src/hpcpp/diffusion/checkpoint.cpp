#include "hpcpp/diffusion/checkpoint.hpp"

#include <fmt/core.h>

#include <cstring>
#include <fstream>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/core/printable.hpp"

namespace hpcpp::diffusion {
namespace {

constexpr char magic[8] = {'H', 'P', 'C', 'P', 'P', 'C', 'K', '2'};
constexpr char unchecked_magic[8] = {'H', 'P', 'C', 'P', 'P', 'C', 'K', '1'};  // checksum over the field only

struct Header {
  char magic[8];
  std::int64_t npnts;
  std::int64_t nsteps;
  std::int64_t step;
  double simtime;
  double dt;
  double coefficient;
  std::uint64_t checksum;  // FNV-1a over the whole file, this field counted as zero
};

std::uint64_t fnv1a(std::uint64_t hash, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t b = 0; b < size; ++b) {
    hash ^= bytes[b];
    hash *= 1099511628211ull;
  }
  return hash;
}

std::uint64_t checksum(Header h, const Field& field) {
  h.checksum = 0;
  std::uint64_t hash = fnv1a(1469598103934665603ull, &h, sizeof h);
  for (std::int64_t i = 0; i < field.rows(); ++i)
    hash = fnv1a(hash, field.row(i), static_cast<std::size_t>(field.cols()) * sizeof(double));
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
  h.checksum = checksum(h, field);
  write_file_atomically(file, [&](std::ostream& out) {
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    for (std::int64_t i = 0; i < field.rows(); ++i)
      out.write(reinterpret_cast<const char*>(field.row(i)), static_cast<std::streamsize>(field.cols() * sizeof(double)));
  });
}

Checkpoint read_checkpoint(const std::filesystem::path& file, const Problem& problem) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open checkpoint: {}", printable(file.string()), std::strerror(errno)));
  return read_checkpoint(in, file.string(), problem);
}

Checkpoint read_checkpoint(std::istream& in, std::string_view file_name, const Problem& problem) {
  const std::string name = printable(file_name);
  Header h{};
  if (!in.read(reinterpret_cast<char*>(&h), sizeof h)) throw Error(fmt::format("{}: not an hpcpp diff2d checkpoint", name));
  if (std::memcmp(h.magic, unchecked_magic, sizeof magic) == 0)
    throw Error(fmt::format("{}: checkpoint from an older hpcpp, whose header is not checksummed: start again", name));
  if (std::memcmp(h.magic, magic, sizeof magic) != 0)
    throw Error(fmt::format("{}: not an hpcpp diff2d checkpoint", name));
  const auto different_problem = [&] {
    return Error(fmt::format("{}: checkpoint is for a different problem ({} x {} points, dt = {}), not {} x {}, dt = {}",
                             name, h.npnts, h.npnts, python_float_repr(h.dt), problem.npnts, problem.npnts,
                             python_float_repr(problem.dt)));
  };
  const auto row_bytes = static_cast<std::streamsize>(problem.npnts * sizeof(double));
  in.seekg(0, std::ios::end);
  if (!in || in.tellg() != static_cast<std::streamoff>(sizeof h) + row_bytes * problem.npnts) {
    if (h.npnts != problem.npnts) throw different_problem();
    throw Error(fmt::format("{}: checkpoint has {} bytes, not the {} of a {} x {} field", name,
                            static_cast<long long>(in.tellg()), sizeof h + static_cast<std::size_t>(row_bytes * problem.npnts),
                            problem.npnts, problem.npnts));
  }
  in.seekg(sizeof h);
  Checkpoint state{h.step, h.simtime, Field(problem.npnts)};
  for (std::int64_t i = 0; i < problem.npnts; ++i)
    if (!in.read(reinterpret_cast<char*>(state.field.row(i)), row_bytes))
      throw Error(fmt::format("{}: checkpoint cannot be read", name));
  if (checksum(h, state.field) != h.checksum)
    throw Error(fmt::format("{}: checkpoint is corrupt (checksum mismatch)", name));
  if (h.npnts != problem.npnts || !same_bits(h.dt, problem.dt) || !same_bits(h.coefficient, problem.coefficient))
    throw different_problem();
  // A consistent checksum over inconsistent values (written by hand or by other code).
  if (h.step < 0 || h.step > problem.nsteps)
    throw Error(fmt::format("{}: checkpoint step {} is outside 0..{}", name, h.step, problem.nsteps));
  if (!same_bits(h.simtime, problem.time_after(h.step)))
    throw Error(fmt::format("{}: checkpoint simtime {} is not the time after step {} ({})", name,
                            python_float_repr(h.simtime), h.step, python_float_repr(problem.time_after(h.step))));
  return state;
}

}  // namespace hpcpp::diffusion
