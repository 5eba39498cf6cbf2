#include "hpcpp/bigfile/clean.hpp"

#include <fmt/core.h>

#include <cmath>
#include <string>
#include <vector>

#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/bigfile/shared_output.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/io/npy_header.hpp"

namespace hpcpp::bigfile {
namespace {

CleanCounts clean_values(std::span<const double> in, double* out, const CleanOptions& o) {
  CleanCounts counts;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double v = in[i];
    bool replace = true;
    if (std::isnan(v)) ++counts.nan;
    else if (std::isinf(v)) ++counts.inf;
    else if (v < o.min) ++counts.below;
    else if (v > o.max) ++counts.above;
    else replace = false;
    out[i] = replace ? o.replacement : v;
  }
  return counts;
}

}  // namespace

CleanCounts clean_array(const ArrayFile& array, const std::filesystem::path& output, const CleanOptions& options,
                        const ReadOptions& given_read_options) {
  if (std::isnan(options.min) || std::isnan(options.max) || options.min > options.max)
    throw Error(fmt::format("--min {} and --max {} give no valid range", options.min, options.max));
  std::error_code ec;
  if (std::filesystem::equivalent(array.path, output, ec))
    throw Error(fmt::format("{}: the output would overwrite the input", output.string()));
  const std::string header = options.npy ? io::npy_header_bytes("<f8", array.shape, false) : std::string();
  SharedOutput out(output, header, header.size() + static_cast<std::uint64_t>(array.count()) * sizeof(double),
                   given_read_options.share);
  ReadOptions read_options = given_read_options;
  read_options.threads = out.threads(read_options.threads);
  read_options.share = out.share();
  const ChunkPlan plan = read_plan(array, read_options);
  std::vector<CleanCounts> counts(static_cast<std::size_t>(plan.chunks()));
  std::vector<AlignedBuffer<double>> buffers(static_cast<std::size_t>(resolve_threads(read_options.threads)));
  read_chunks(array, read_options, [&](const Chunk& chunk) {
    auto& buffer = buffers[static_cast<std::size_t>(chunk.worker)];
    if (buffer.size() == 0) buffer = AlignedBuffer<double>(static_cast<std::size_t>(plan.chunk_elements));
    counts[static_cast<std::size_t>(chunk.index)] = clean_values(chunk.values, buffer.data(), options);
    out.write_at(header.size() + static_cast<std::uint64_t>(chunk.first) * sizeof(double), buffer.data(),
                 chunk.values.size() * sizeof(double));
  });
  share_partials(read_options.share, counts);
  out.commit();
  CleanCounts total;
  for (const auto& c : counts) {
    total.nan += c.nan;
    total.inf += c.inf;
    total.below += c.below;
    total.above += c.above;
  }
  return total;
}

}  // namespace hpcpp::bigfile
