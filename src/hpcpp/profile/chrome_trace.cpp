#include "hpcpp/profile/chrome_trace.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "hpcpp/core/atomic_file.hpp"

namespace hpcpp::profile {
namespace {

std::string json_string(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20) {
      quoted += fmt::format("\\u{:04x}", byte);
    } else {
      quoted += c;
    }
  }
  return quoted + '"';
}

// Microseconds with exact nanosecond decimals: a child's start and end printed this way
// never leave its parent's, as rounded floating-point values could.
std::string microseconds(std::int64_t ns) {
  ns = std::max<std::int64_t>(ns, 0);
  return fmt::format("{}.{:03d}", ns / 1000, ns % 1000);
}

class EventList {
 public:
  explicit EventList(std::ostream& out) : out_(out) { out_ << "{\"displayTimeUnit\":\"ms\",\"traceEvents\":["; }
  ~EventList() { out_ << "\n]}\n"; }
  EventList(const EventList&) = delete;
  EventList& operator=(const EventList&) = delete;

  void add(const std::string& event) {
    out_ << (first_ ? "\n" : ",\n") << event;
    first_ = false;
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

void add_names(EventList& events, const TraceProcess& process) {
  events.add(fmt::format(R"({{"name":"process_name","ph":"M","pid":{},"tid":0,"args":{{"name":{}}}}})", process.pid,
                         json_string(process.name)));
  for (const auto& thread : process.capture->threads) {
    events.add(fmt::format(R"({{"name":"thread_name","ph":"M","pid":{},"tid":{},"args":{{"name":{}}}}})", process.pid,
                           thread.tid, json_string(thread.name)));
    events.add(fmt::format(R"({{"name":"thread_sort_index","ph":"M","pid":{},"tid":{},"args":{{"sort_index":{}}}}})",
                           process.pid, thread.tid, thread.tid));
  }
}

void add_spans(EventList& events, const TraceProcess& process) {
  const Capture& capture = *process.capture;
  for (const auto& thread : capture.threads) {
    auto spans = thread.spans;
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
      return a.start_ns != b.start_ns ? a.start_ns < b.start_ns : a.depth < b.depth;
    });
    for (const auto& span : spans) {
      const std::int64_t start = std::max<std::int64_t>(span.start_ns, 0);
      events.add(fmt::format(R"({{"name":{},"cat":"region","ph":"X","pid":{},"tid":{},"ts":{},"dur":{}}})",
                             json_string(capture.site_names.at(span.site)), process.pid, thread.tid,
                             microseconds(start), microseconds(span.end_ns - start)));
    }
    if (thread.dropped_spans > 0)
      events.add(fmt::format(R"json({{"name":"calls not kept (trace full)","ph":"i","s":"t","pid":{},"tid":{},"ts":{},"args":{{"calls":{}}}}})json",
                             process.pid, thread.tid, microseconds(capture.wall_ns), thread.dropped_spans));
  }
}

// Enough points to draw the curve, not one per millisecond of a long run.
constexpr std::size_t max_counter_points = 20000;

void add_counters(EventList& events, const TraceProcess& process) {
  const auto& rss = process.capture->rss;
  const std::size_t stride = rss.size() / max_counter_points + 1;
  for (std::size_t i = 0; i < rss.size(); i += stride) {
    const RssPoint& point = rss[i];
    events.add(fmt::format(R"({{"name":"resident set","ph":"C","pid":{},"tid":0,"ts":{},"args":{{"MiB":{:.3f}}}}})",
                           process.pid, microseconds(point.ns), static_cast<double>(point.bytes) / (1024.0 * 1024.0)));
  }
}

}  // namespace

void write_chrome_trace(std::ostream& out, const std::vector<TraceProcess>& processes) {
  EventList events(out);
  for (const auto& process : processes) {
    add_names(events, process);
    add_spans(events, process);
    add_counters(events, process);
  }
}

void write_chrome_trace_file(const std::filesystem::path& path, const std::vector<TraceProcess>& processes) {
  write_file_atomically(path, [&](std::ostream& out) { write_chrome_trace(out, processes); });
}

}  // namespace hpcpp::profile
