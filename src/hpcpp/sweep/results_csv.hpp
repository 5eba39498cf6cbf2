#pragma once
// The sweep's CSV: `task`, one column per swept parameter, `status`, the runner's result
// columns, `seconds`; one line per task, fields quoted only where they hold a comma or a
// quote (RFC 4180).
#include <string>
#include <vector>

#include "hpcpp/sweep/task.hpp"
#include "hpcpp/sweep/task_list.hpp"

namespace hpcpp::sweep {

std::string csv_header(const TaskList& tasks, const std::vector<std::string>& result_columns);
// One row, ending in '\n'.
std::string csv_row(const TaskList& tasks, const TaskOutcome& outcome);
// The fields of one row (without its '\n'), quotes removed.
std::vector<std::string> csv_fields(const std::string& row);

}  // namespace hpcpp::sweep
