#pragma once
// One worker that is the scheduling process itself: the task runs when its outcome is
// asked for. For a job of one MPI rank, which has nobody to hand work to.
#include <optional>

#include "hpcpp/sweep/worker_transport.hpp"

namespace hpcpp::sweep {

class InlineTransport final : public WorkerTransport {
 public:
  explicit InlineTransport(WorkerFunction work) : work_(std::move(work)) {}
  int workers() const override { return 1; }
  void assign(int, const TaskOrder& order) override { order_ = order; }
  WorkerEvent next_event() override {
    const TaskOrder order = *order_;
    order_.reset();
    return {0, work_(order), {}};
  }

 private:
  WorkerFunction work_;
  std::optional<TaskOrder> order_;
};

}  // namespace hpcpp::sweep
