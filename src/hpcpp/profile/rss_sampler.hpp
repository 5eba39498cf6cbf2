#pragma once
// A background thread that reads the resident set size (/proc/self/statm) at a fixed
// interval. Regions note the sample count on enter and leave and take their peak and
// increment from the samples in between, so a region's cost stays a few loads instead of a
// system call. Samples are published with release stores; readers on any thread see every
// sample below count() complete.
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hpcpp::profile {

struct RssSample {
  std::uint64_t tick = 0;
  std::uint64_t bytes = 0;
};

// Resident bytes of this process now (0 where /proc is not readable).
std::uint64_t current_rss_bytes();

class RssSampler {
 public:
  RssSampler() = default;
  ~RssSampler() { stop(); }
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;

  // Takes one sample at once, then one every `interval` until stop().
  void start(std::chrono::microseconds interval);
  // Takes a last sample and joins the thread.
  void stop();

  std::uint32_t count() const noexcept { return count_.load(std::memory_order_acquire); }
  const RssSample& at(std::uint32_t index) const noexcept {
    return chunks_[index / chunk_size][index % chunk_size];
  }
  std::vector<RssSample> all() const;

 private:
  static constexpr std::uint32_t chunk_size = 1u << 14;
  static constexpr std::uint32_t max_chunks = 1u << 12;  // 67 million samples: 18 hours at 1 kHz

  void take_sample();

  std::array<std::unique_ptr<RssSample[]>, max_chunks> chunks_{};
  std::atomic<std::uint32_t> count_{0};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace hpcpp::profile
