#include "hpcpp/sweep/exec_runner.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/exit_status_error.hpp"
#include "hpcpp/procs/process.hpp"
#include "hpcpp/procs/program_path.hpp"
#include "hpcpp/procs/spawn.hpp"

namespace hpcpp::sweep {
namespace {

constexpr std::size_t max_output_line = 4096;

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Calls found(begin, length) for every "{identifier}" in `text`.
template <typename Found>
void for_each_placeholder(const std::string& text, Found found) {
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    std::size_t end = open + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    if (end > open + 1 && end < text.size() && text[end] == '}') found(open, end - open + 1);
  }
}

void check_placeholders(const ExecSweep& sweep) {
  for (std::size_t a = 0; a < sweep.argv.size(); ++a)
    for_each_placeholder(sweep.argv[a], [&](std::size_t at, std::size_t length) {
      const auto name = sweep.argv[a].substr(at + 1, length - 2);
      if (std::find(sweep.names.begin(), sweep.names.end(), name) == sweep.names.end())
        throw Error(fmt::format("--exec: argument {} '{}': '{{{}}}' is not a swept parameter (did you mean '{}'?)", a + 1,
                                sweep.argv[a], name, closest_name(name, sweep.names)));
    });
}

// A program that cannot run would fail every task: it is looked up once, before the first.
void check_program(const ExecSweep& sweep) {
  bool placeholder = false;
  for_each_placeholder(sweep.argv[0], [&](std::size_t, std::size_t) { placeholder = true; });
  if (placeholder) return;  // a different program per task
  try {
    procs::program_path(sweep.argv[0]);
  } catch (const ExitStatusError& e) {
    throw ExitStatusError(fmt::format("sweep: --exec: {}", e.what()), e.exit_code());
  }
}

// Keeps the last line of what the command prints, whatever its length.
class LastLine {
 public:
  void add(const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (data[i] == '\n') {
        last_complete_.swap(current_);
        current_.clear();
      } else if (current_.size() < max_output_line) {
        current_ += data[i];
      }
    }
  }
  std::string text() const {
    std::string line = current_.empty() ? last_complete_ : current_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }

 private:
  std::string current_, last_complete_;
};

class ExecRunner final : public TaskRunner {
 public:
  explicit ExecRunner(ExecSweep sweep) : sweep_(std::move(sweep)) {}

  std::vector<std::string> result_columns() const override { return {"exit", "output"}; }

  void run(const std::vector<std::string>& values, TaskOutcome& outcome) override {
    const auto argv = substitute(sweep_.argv, sweep_.names, values);
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw Error(fmt::format("pipe failed: {}", std::strerror(errno)));
    procs::SpawnOptions options;
    options.stdout_fd = pipe_fds[1];
    options.stdin_from_null = true;
    if (sweep_.threads > 0) options.set_environment = {{"OMP_NUM_THREADS", std::to_string(sweep_.threads)}};
    options.without_launcher_environment = true;
    // The command dies with the worker that waits for it: a killed worker leaves no orphan.
    options.lifetime = procs::ChildLifetime::dies_with_parent;
    pid_t pid = 0;
    try {
      pid = procs::spawn(argv, options);
    } catch (const ExitStatusError& e) {
      close(pipe_fds[0]);
      close(pipe_fds[1]);
      fmt::print(stderr, "hpcpp: {}\n", e.what());
      outcome.ok = false;
      outcome.status = e.what();
      outcome.fields = {std::to_string(e.exit_code()), ""};
      return;
    }
    close(pipe_fds[1]);
    LastLine last;
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
      if (n > 0) {
        last.add(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
    close(pipe_fds[0]);
    const auto status = procs::wait_child(pid);
    outcome.ok = status.success();
    outcome.killed = status.signaled;
    outcome.status = outcome.ok ? "ok" : status.describe();
    outcome.fields = {std::to_string(status.shell_code()), last.text()};
  }

 private:
  ExecSweep sweep_;
};

}  // namespace

std::vector<std::string> substitute(const std::vector<std::string>& argv, const std::vector<std::string>& names,
                                    const std::vector<std::string>& values) {
  std::vector<std::string> result;
  for (const auto& arg : argv) {
    std::string out;
    std::size_t copied = 0;
    for_each_placeholder(arg, [&](std::size_t at, std::size_t length) {
      const auto name = arg.substr(at + 1, length - 2);
      const auto found = std::find(names.begin(), names.end(), name);
      if (found == names.end()) return;
      out.append(arg, copied, at - copied);
      out += values[static_cast<std::size_t>(found - names.begin())];
      copied = at + length;
    });
    out.append(arg, copied);
    result.push_back(std::move(out));
  }
  return result;
}

std::unique_ptr<TaskRunner> make_exec_runner(const ExecSweep& sweep) {
  if (sweep.argv.empty()) throw Error("--exec: no command given (e.g. --exec -- hpcpp auc {n})");
  check_placeholders(sweep);
  check_program(sweep);
  return std::make_unique<ExecRunner>(sweep);
}

}  // namespace hpcpp::sweep
