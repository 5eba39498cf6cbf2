#include "hpcpp/profile/capture_bytes.hpp"

#include <cstring>
#include <type_traits>

#include "hpcpp/core/error.hpp"

namespace hpcpp::profile {
namespace {

class Writer {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put(const std::string& text) {
    put<std::uint64_t>(text.size());
    bytes_ += text;
  }
  template <class T>
  void put_all(const std::vector<T>& values) {
    put<std::uint64_t>(values.size());
    for (const auto& v : values) put(v);
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof value).data(), sizeof value);
    return value;
  }
  std::string get_text() {
    const auto size = get<std::uint64_t>();
    return std::string(take(size));
  }
  // A count of items that each take at least `item_size` bytes: never more than remain.
  std::size_t get_count(std::size_t item_size) {
    const auto count = get<std::uint64_t>();
    if (count > (bytes_.size() - at_) / item_size) throw Error("profile capture: truncated");
    return static_cast<std::size_t>(count);
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  std::string_view take(std::uint64_t size) {
    if (size > bytes_.size() - at_) throw Error("profile capture: truncated");
    const auto part = bytes_.substr(at_, size);
    at_ += size;
    return part;
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

template <class T>
std::vector<T> get_all(Reader& in) {
  std::vector<T> values(in.get_count(sizeof(T)));
  for (auto& v : values) v = in.get<T>();
  return values;
}

}  // namespace

std::string capture_to_bytes(const Capture& capture) {
  Writer out;
  out.put<std::uint64_t>(capture.site_names.size());
  for (const auto& name : capture.site_names) out.put(name);
  out.put<std::uint64_t>(capture.threads.size());
  for (const auto& thread : capture.threads) {
    out.put(thread.tid);
    out.put(thread.name);
    out.put_all(thread.regions);
    out.put_all(thread.spans);
    out.put(thread.dropped_spans);
  }
  out.put_all(capture.rss);
  out.put(capture.wall_ns);
  out.put<std::uint8_t>(capture.allocation_hook ? 1 : 0);
  return out.take();
}

Capture capture_from_bytes(std::string_view bytes) {
  Reader in(bytes);
  Capture capture;
  capture.site_names.resize(in.get_count(sizeof(std::uint64_t)));
  for (auto& name : capture.site_names) name = in.get_text();
  capture.threads.resize(in.get_count(sizeof(std::uint32_t)));
  for (auto& thread : capture.threads) {
    thread.tid = in.get<std::uint32_t>();
    thread.name = in.get_text();
    thread.regions = get_all<RegionTotals>(in);
    thread.spans = get_all<Span>(in);
    thread.dropped_spans = in.get<std::uint64_t>();
  }
  capture.rss = get_all<RssPoint>(in);
  capture.wall_ns = in.get<std::int64_t>();
  capture.allocation_hook = in.get<std::uint8_t>() != 0;
  if (!in.done()) throw Error("profile capture: bytes left over");
  return capture;
}

}  // namespace hpcpp::profile
