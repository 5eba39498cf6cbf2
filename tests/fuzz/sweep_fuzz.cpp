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
        break;
      }
      case 1:
        journal_rows(text, "# hpcpp sweep journal 0000000000000000 5 tasks\n", 5, "fuzz.journal");
        break;
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
