#include "hpcpp/sweep/scheduler.hpp"

#include <deque>
#include <optional>

namespace hpcpp::sweep {
namespace {

struct Pending {
  TaskOrder order;
  int avoid = -1;  // the worker on which the task's process died
};

class Scheduler {
 public:
  Scheduler(WorkerTransport& transport, const TaskSource& next_task, std::size_t result_columns,
            const OutcomeSink& sink)
      : transport_(transport), next_task_(next_task), result_columns_(result_columns), sink_(sink),
        busy_(static_cast<std::size_t>(transport.workers())) {}

  void run() {
    for (;;) {
      hand_out();
      if (running_ == 0) return;
      handle(transport_.next_event());
    }
  }

 private:
  // What worker `w` runs next: a task to run again first, unless it died on this worker
  // and there is another worker; else a fresh task from the source.
  std::optional<Pending> take_for(int w) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it)
      if (it->avoid != w || transport_.workers() == 1) {
        const Pending next = *it;
        queue_.erase(it);
        return next;
      }
    if (source_done_) return std::nullopt;
    if (const auto task = next_task_()) return Pending{TaskOrder{*task, 1}, -1};
    source_done_ = true;
    return std::nullopt;
  }

  void hand_out() {
    for (int w = 0; w < transport_.workers(); ++w) {
      auto& slot = busy_[static_cast<std::size_t>(w)];
      if (slot) continue;
      const auto next = take_for(w);
      if (!next) continue;
      slot = next->order;
      ++running_;
      transport_.assign(w, *slot);
    }
  }

  void handle(const WorkerEvent& event) {
    auto& slot = busy_.at(static_cast<std::size_t>(event.worker));
    if (!slot) return;  // an idle worker died and was replaced
    const TaskOrder order = *slot;
    slot.reset();
    --running_;
    if (event.outcome && !event.outcome->killed) return sink_(*event.outcome);
    if (order.attempt < 2) {
      queue_.push_front({TaskOrder{order.task, order.attempt + 1}, event.worker});
      return;
    }
    if (event.outcome) return sink_(*event.outcome);
    TaskOutcome died;
    died.task = order.task;
    died.status = "worker died: " + event.death;
    died.fields.assign(result_columns_, "");
    sink_(died);
  }

  WorkerTransport& transport_;
  const TaskSource& next_task_;
  bool source_done_ = false;
  std::size_t result_columns_;
  const OutcomeSink& sink_;
  std::deque<Pending> queue_;
  std::vector<std::optional<TaskOrder>> busy_;
  int running_ = 0;
};

}  // namespace

void schedule(WorkerTransport& transport, const TaskSource& next_task, std::size_t result_columns,
              const OutcomeSink& sink) {
  Scheduler(transport, next_task, result_columns, sink).run();
}

void schedule(WorkerTransport& transport, const std::vector<std::uint64_t>& pending, std::size_t result_columns,
              const OutcomeSink& sink) {
  std::size_t next = 0;
  const TaskSource source = [&]() -> std::optional<std::uint64_t> {
    if (next == pending.size()) return std::nullopt;
    return pending[next++];
  };
  schedule(transport, source, result_columns, sink);
}

}  // namespace hpcpp::sweep
