#include "hpcpp/bigfile/create.hpp"

#include <fmt/core.h>

#include <string>
#include <vector>

#include "hpcpp/bigfile/array_file.hpp"
#include "hpcpp/bigfile/chunk_runner.hpp"
#include "hpcpp/core/counter_uniform.hpp"
#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/bigfile/shared_output.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/io/npy_header.hpp"

namespace hpcpp::bigfile {

ChunkPlan create_plan(const CreateOptions& options) {
  if (options.n < 1) throw Error(fmt::format("--n must be at least 1, not {}", options.n));
  return ChunkPlan{checked_element_count({options.n, options.n}, sizeof(double)),
                   std::max<std::int64_t>(1, static_cast<std::int64_t>(options.chunk_bytes / sizeof(double)))};
}

void create_uniform_array(const std::filesystem::path& file, const CreateOptions& options) {
  const ChunkPlan plan = create_plan(options);
  const std::vector<std::int64_t> shape{options.n, options.n};
  const std::string header = options.npy ? io::npy_header_bytes("<f8", shape, false) : std::string();
  SharedOutput out(file, header, header.size() + static_cast<std::uint64_t>(plan.elements) * sizeof(double),
                   options.share);
  const int threads = out.threads(options.threads);
  std::vector<AlignedBuffer<double>> buffers(static_cast<std::size_t>(threads));
  run_chunks(plan, threads, "writing " + file.string(), [&](std::int64_t chunk, int worker) {
    auto& buffer = buffers[static_cast<std::size_t>(worker)];
    if (buffer.size() == 0) buffer = AlignedBuffer<double>(static_cast<std::size_t>(plan.chunk_elements));
    const auto count = static_cast<std::size_t>(plan.size(chunk));
    fill_uniform(options.seed, static_cast<std::uint64_t>(plan.first(chunk)), buffer.data(), count);
    out.write_at(header.size() + static_cast<std::uint64_t>(plan.first(chunk)) * sizeof(double), buffer.data(),
                 count * sizeof(double));
  }, out.share());
  out.commit();
}

}  // namespace hpcpp::bigfile
