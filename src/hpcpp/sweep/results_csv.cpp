#include "hpcpp/sweep/results_csv.hpp"

#include <cmath>

#include "hpcpp/core/float_repr.hpp"

namespace hpcpp::sweep {
namespace {

std::string quoted(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string join(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += quoted(fields[i]);
  }
  return line + '\n';
}

}  // namespace

std::string csv_header(const TaskList& tasks, const std::vector<std::string>& result_columns) {
  std::vector<std::string> fields{"task"};
  for (const auto& name : tasks.names()) fields.push_back(name);
  fields.emplace_back("status");
  fields.insert(fields.end(), result_columns.begin(), result_columns.end());
  fields.emplace_back("seconds");
  return join(fields);
}

std::string csv_row(const TaskList& tasks, const TaskOutcome& outcome) {
  std::vector<std::string> fields{std::to_string(outcome.task)};
  for (auto& value : tasks.values(outcome.task)) fields.push_back(std::move(value));
  fields.push_back(outcome.ok ? "ok" : outcome.status);
  fields.insert(fields.end(), outcome.fields.begin(), outcome.fields.end());
  fields.push_back(python_float_repr(std::round(outcome.seconds * 1e6) / 1e6));
  return join(fields);
}

std::vector<std::string> csv_fields(const std::string& row) {
  std::vector<std::string> fields(1);
  bool in_quotes = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const char c = row[i];
    if (in_quotes) {
      if (c != '"') {
        fields.back() += c;
      } else if (i + 1 < row.size() && row[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        in_quotes = false;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

std::size_t csv_record_end(const std::string& text, std::size_t from) {
  bool in_quotes = false;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '"') {
      in_quotes = !in_quotes;  // a doubled quote toggles twice
    } else if (text[i] == '\n' && !in_quotes) {
      return i + 1;
    }
  }
  return std::string::npos;
}

}  // namespace hpcpp::sweep
