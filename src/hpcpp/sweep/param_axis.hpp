#pragma once
// One swept parameter: `--param NAME=V1,V2,...` (a list) or `--param NAME=FROM:TO:COUNT`
// (COUNT values from FROM to TO, both ends included, as numpy.linspace makes them); a list
// may hold ranges (`dx=0.5,0.4:0.25:3`). A range is kept as its ends and count: its values
// are made when asked for, so the size of a sweep is known before any value is made.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::sweep {

// The most tasks one sweep may have (the product of its axes' sizes).
inline constexpr std::uint64_t max_tasks = 10000000;

// COUNT values from `from` to `to`: ints when both ends are ints a whole number of steps
// apart (0:10:6 -> 0, 2, ... 10), numpy.linspace's floats otherwise.
struct ValueRange {
  double from = 0, to = 0;
  std::optional<std::int64_t> int_from, int_to;  // set: the values are ints
  std::uint64_t count = 1;
  std::string text;  // FROM:TO:COUNT as written, trimmed
};

class ParamAxis {
 public:
  std::string name;

  void add_value(std::string value);
  void add_range(ValueRange range);

  std::uint64_t size() const { return size_; }
  // Value `i` (below size()) as Python prints it: ints as ints, floats as repr(float);
  // any other word (a file name for --exec) as written.
  std::string value(std::uint64_t i) const;
  // Every value, made one by one: for axes known to be small.
  std::vector<std::string> values() const;
  // The values written one by one in the list (range values are numbers by construction).
  std::vector<std::string> listed_values() const;
  // Text that differs for axes with different values (for a sweep's fingerprint).
  std::string description() const;

 private:
  struct Piece {
    std::uint64_t first = 0;  // index of the piece's first value on the axis
    std::string value;        // a listed value, or
    std::optional<ValueRange> range;
  };
  std::vector<Piece> pieces_;
  std::uint64_t size_ = 0;
};

// Throws hpcpp::Error with a one-line message quoting `text` for bad syntax, an empty list,
// a COUNT beyond max_tasks or a number beyond the range of a float (1e400).
ParamAxis parse_param_axis(std::string_view text);

// The text Python prints for a value written as `word`: "1_000" -> "1000", "0.50" -> "0.5",
// "1e-3" -> "0.001", "0x10" -> "16"; a word that is no Python number ("007", "a.txt")
// comes back unchanged.
std::string canonical_value(std::string_view word);

// numpy.linspace(from, to, count)[i], bit for bit.
double linspace_value(double from, double to, long count, long i);

}  // namespace hpcpp::sweep
