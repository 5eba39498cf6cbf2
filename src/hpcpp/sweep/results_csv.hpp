#pragma once
// The sweep's CSV: `task`, one column per swept parameter, `status`, the runner's result
// columns, `seconds`; one record per task, fields quoted only where they hold a comma, a
// quote or a line break (RFC 4180: a quoted field may span lines).
#include <string>
#include <vector>

#include "hpcpp/sweep/task.hpp"
#include "hpcpp/sweep/task_list.hpp"

namespace hpcpp::sweep {

std::string csv_header(const TaskList& tasks, const std::vector<std::string>& result_columns);
// One record, ending in '\n'.
std::string csv_row(const TaskList& tasks, const TaskOutcome& outcome);
// The fields of one record (without its last '\n'), quotes removed.
std::vector<std::string> csv_fields(const std::string& row);
// Where the record that starts at `from` ends (just past its '\n'), or npos when `text`
// ends before it does (a record torn by a kill).
std::size_t csv_record_end(const std::string& text, std::size_t from);

}  // namespace hpcpp::sweep
