// libFuzzer target for what hpcpp sweep reads from outside: --param texts, journal files,
// CSV rows and messages between workers. The first byte picks the reader. Errors must be
// hpcpp::Errors; nothing may crash, leak or hang.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "hpcpp/core/error.hpp"
#include "hpcpp/sweep/journal.hpp"
#include "hpcpp/sweep/param_axis.hpp"
#include "hpcpp/sweep/results_csv.hpp"
#include "hpcpp/sweep/task.hpp"
#include "hpcpp/sweep/task_list.hpp"

using namespace hpcpp::sweep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 4) {
      case 0: {
        const TaskList tasks({parse_param_axis(text)});
        if (tasks.size() == 0 || tasks.values(tasks.size() - 1).size() != 1) std::abort();
        if (tasks.axes()[0].value(tasks.size() - 1).empty()) std::abort();
        break;
      }
      case 1: {
        // Records spanning lines (quoted line breaks) and records that do not fit the sweep.
        const TaskList tasks({parse_param_axis("a=1:5:5"), parse_param_axis("b=x")});
        const auto rows = journal_rows(text, "# hpcpp sweep journal 0000000000000000 5 tasks\n", {tasks, 5}, "fuzz.journal");
        for (const auto& [task, row] : rows)
          if (task >= 5 || row.empty() || row.back() != '\n' || csv_fields(row.substr(0, row.size() - 1)).size() != 5)
            std::abort();
        break;
      }
      case 2: {
        TaskOutcome outcome;
        outcome.status = text;
        outcome.fields = {text, "x"};
        const TaskList tasks({parse_param_axis("p=1")});
        const auto row = csv_row(tasks, outcome);
        const auto fields = csv_fields(row.substr(0, row.size() - 1));
        if (fields.size() != 6 || fields[2] != text || fields[3] != text) std::abort();
        break;
      }
      default:
        decode_outcome(text);
        decode_order(text);
        break;
    }
  } catch (const hpcpp::Error&) {
  }
  return 0;
}
