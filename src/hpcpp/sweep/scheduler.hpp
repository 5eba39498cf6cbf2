#pragma once
// The master of map/reduce: hands tasks one at a time to whichever worker is idle and
// collects the outcomes. A task whose process dies (the worker, or an --exec command
// killed by a signal) is run once more, on another worker where there is one; if it dies
// again it is recorded as failed with the signal.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "hpcpp/sweep/worker_transport.hpp"

namespace hpcpp::sweep {

using OutcomeSink = std::function<void(const TaskOutcome&)>;
// The next task to hand out, or nullopt when there is none left. Tasks are asked for as
// workers become idle: a sweep of millions of tasks never holds them all.
using TaskSource = std::function<std::optional<std::uint64_t>()>;

// Runs the tasks `next_task` gives (in that order of hand-out); `sink` gets each final
// outcome as it arrives. `result_columns` is how many result fields a failed outcome carries.
void schedule(WorkerTransport& transport, const TaskSource& next_task, std::size_t result_columns,
              const OutcomeSink& sink);
// The same for a list of tasks.
void schedule(WorkerTransport& transport, const std::vector<std::uint64_t>& pending, std::size_t result_columns,
              const OutcomeSink& sink);

}  // namespace hpcpp::sweep
