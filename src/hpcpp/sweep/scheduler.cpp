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
  Scheduler(WorkerTransport& transport, std::size_t result_columns, const OutcomeSink& sink)
      : transport_(transport), result_columns_(result_columns), sink_(sink),
        busy_(static_cast<std::size_t>(transport.workers())) {}

  void run(const std::vector<std::uint64_t>& pending) {
    for (const auto task : pending) queue_.push_back({TaskOrder{task, 1}, -1});
    for (;;) {
      hand_out();
      if (running_ == 0) return;
      handle(transport_.next_event());
    }
  }

 private:
  void hand_out() {
    for (int w = 0; w < transport_.workers() && !queue_.empty(); ++w) {
      auto& slot = busy_[static_cast<std::size_t>(w)];
      if (slot) continue;
      auto next = queue_.begin();
      // A task that died on this worker waits for another one, unless there is no other.
      while (next != queue_.end() && next->avoid == w && transport_.workers() > 1) ++next;
      if (next == queue_.end()) continue;
      slot = next->order;
      queue_.erase(next);
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
  std::size_t result_columns_;
  const OutcomeSink& sink_;
  std::deque<Pending> queue_;
  std::vector<std::optional<TaskOrder>> busy_;
  int running_ = 0;
};

}  // namespace

void schedule(WorkerTransport& transport, const std::vector<std::uint64_t>& pending, std::size_t result_columns,
              const OutcomeSink& sink) {
  Scheduler(transport, result_columns, sink).run(pending);
}

}  // namespace hpcpp::sweep
