#include "hpcpp/bigfile/chunk_reader.hpp"

#include <fcntl.h>
#include <fmt/core.h>

#include <algorithm>
#include <vector>

#include "hpcpp/bigfile/file_descriptor.hpp"
#include "hpcpp/bigfile/mapped_window.hpp"
#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::bigfile {

ChunkPlan read_plan(const ArrayFile& array, const ReadOptions& options) {
  return ChunkPlan{array.count(), std::max<std::int64_t>(1, static_cast<std::int64_t>(options.chunk_bytes / sizeof(double)))};
}

void read_chunks(const ArrayFile& array, const ReadOptions& options, const std::function<void(const Chunk&)>& visit) {
  const ChunkPlan plan = read_plan(array, options);
  const int threads = resolve_threads(options.threads);
  const std::size_t size = item_size(array.type);
  const FileDescriptor file = open_for_reading(array.name());
  const std::string name = array.name();
  const IndexRange mine = chunks_of(plan.chunks(), options.share);
  const auto byte_range = [&](std::int64_t chunk) {
    return std::pair<std::uint64_t, std::size_t>{array.data_offset + static_cast<std::uint64_t>(plan.first(chunk)) * size,
                                                 static_cast<std::size_t>(plan.size(chunk)) * size};
  };
  std::vector<AlignedBuffer<double>> converted(static_cast<std::size_t>(threads));
  // Dropping pages costs a drain of every CPU's page lists, so it is done for 128 MiB at a
  // time, behind the chunks the other workers may still be reading.
  const std::int64_t drop_every = std::max<std::int64_t>(1, (std::int64_t{128} << 20) / (plan.chunk_elements * 8));
  const auto drop_pages = [&](std::int64_t from_chunk, std::int64_t to_chunk) {
    from_chunk = std::max(mine.begin, from_chunk);
    if (to_chunk <= from_chunk) return;
    const std::uint64_t from = byte_range(from_chunk).first, to = byte_range(to_chunk - 1).first + byte_range(to_chunk - 1).second;
    posix_fadvise(file.get(), static_cast<off_t>(from), static_cast<off_t>(to - from), POSIX_FADV_DONTNEED);
  };

  run_chunks(plan, threads, "reading " + name, [&](std::int64_t chunk, int worker) {
    const std::int64_t ahead = chunk + threads;
    if (ahead < mine.end) {
      const auto [offset, length] = byte_range(ahead);
      posix_fadvise(file.get(), static_cast<off_t>(offset), static_cast<off_t>(length), POSIX_FADV_WILLNEED);
    }
    const auto [offset, length] = byte_range(chunk);
    const auto count = static_cast<std::size_t>(plan.size(chunk));
    {
      const MappedWindow window(file.get(), offset, length, name.c_str());
      const double* values = reinterpret_cast<const double*>(window.data());
      if (array.type != ElementType::float64) {
        auto& doubles = converted[static_cast<std::size_t>(worker)];
        if (doubles.size() == 0) doubles = AlignedBuffer<double>(static_cast<std::size_t>(plan.chunk_elements));
        convert_to_double(array.type, window.data(), count, doubles.data());
        values = doubles.data();
      }
      visit(Chunk{chunk, plan.first(chunk), std::span<const double>(values, count), worker,
                  std::span<const unsigned char>(window.data(), length)});
      if (window.lost_pages())
        throw Error(fmt::format("{}: the file shrank while being read: it no longer holds bytes {} to {}", name, offset,
                                offset + length));
    }
    if (!options.keep_cache && (chunk + 1 - mine.begin) % drop_every == 0)
      drop_pages(chunk + 1 - drop_every - threads, chunk + 1 - threads);
  }, options.share);
  if (!options.keep_cache) drop_pages(mine.begin, mine.end);
}

}  // namespace hpcpp::bigfile
