#include "hpcpp/profile/rss_sampler.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "hpcpp/profile/tick_clock.hpp"

namespace hpcpp::profile {

std::uint64_t current_rss_bytes() {
  const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char text[128] = {};
  const ssize_t n = ::read(fd, text, sizeof text - 1);
  ::close(fd);
  unsigned long long size_pages = 0, resident_pages = 0;
  if (n <= 0 || std::sscanf(text, "%llu %llu", &size_pages, &resident_pages) != 2) return 0;
  return resident_pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

void RssSampler::take_sample() {
  const std::uint32_t index = count_.load(std::memory_order_relaxed);
  if (index >= chunk_size * max_chunks) return;
  auto& chunk = chunks_[index / chunk_size];
  if (!chunk) chunk = std::make_unique<RssSample[]>(chunk_size);
  chunk[index % chunk_size] = RssSample{now_ticks(), current_rss_bytes()};
  count_.store(index + 1, std::memory_order_release);
}

void RssSampler::start(std::chrono::microseconds interval) {
  stop();
  count_.store(0, std::memory_order_relaxed);
  stopping_ = false;
  take_sample();
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) take_sample();
  });
}

void RssSampler::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  take_sample();
}

std::vector<RssSample> RssSampler::all() const {
  std::vector<RssSample> samples(count());
  for (std::uint32_t i = 0; i < samples.size(); ++i) samples[i] = at(i);
  return samples;
}

}  // namespace hpcpp::profile
