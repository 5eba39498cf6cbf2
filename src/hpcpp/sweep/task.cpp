#include "hpcpp/sweep/task.hpp"

#include <cstring>

#include "hpcpp/core/error.hpp"

namespace hpcpp::sweep {
namespace {

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void put_text(std::string& out, const std::string& text) {
  put(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  template <typename T>
  T take() {
    T value{};
    need(sizeof value);
    std::memcpy(&value, bytes_.data() + at_, sizeof value);
    at_ += sizeof value;
    return value;
  }
  std::string take_text() {
    const auto n = take<std::uint32_t>();
    need(n);
    std::string text = bytes_.substr(at_, n);
    at_ += n;
    return text;
  }
  void finish() const {
    if (at_ != bytes_.size()) throw Error("sweep: malformed message between workers (trailing bytes)");
  }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - at_ < n) throw Error("sweep: malformed message between workers (truncated)");
  }
  const std::string& bytes_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode(const TaskOrder& order) {
  std::string out;
  put(out, order.task);
  put(out, order.attempt);
  return out;
}

std::string encode(const TaskOutcome& outcome) {
  std::string out;
  put(out, outcome.task);
  put(out, static_cast<std::uint8_t>(outcome.ok));
  put(out, static_cast<std::uint8_t>(outcome.killed));
  put(out, outcome.seconds);
  put_text(out, outcome.status);
  put(out, static_cast<std::uint32_t>(outcome.fields.size()));
  for (const auto& field : outcome.fields) put_text(out, field);
  return out;
}

TaskOrder decode_order(const std::string& bytes) {
  Reader in(bytes);
  TaskOrder order;
  order.task = in.take<std::uint64_t>();
  order.attempt = in.take<std::uint32_t>();
  in.finish();
  return order;
}

TaskOutcome decode_outcome(const std::string& bytes) {
  Reader in(bytes);
  TaskOutcome outcome;
  outcome.task = in.take<std::uint64_t>();
  outcome.ok = in.take<std::uint8_t>() != 0;
  outcome.killed = in.take<std::uint8_t>() != 0;
  outcome.seconds = in.take<double>();
  outcome.status = in.take_text();
  const auto n = in.take<std::uint32_t>();
  for (std::uint32_t i = 0; i < n; ++i) outcome.fields.push_back(in.take_text());
  in.finish();
  return outcome;
}

}  // namespace hpcpp::sweep
