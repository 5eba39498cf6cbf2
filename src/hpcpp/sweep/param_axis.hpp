#pragma once
// One swept parameter: `--param NAME=V1,V2,...` (a list) or `--param NAME=FROM:TO:COUNT`
// (COUNT values from FROM to TO, both ends included, as numpy.linspace makes them); a list
// may hold ranges (`dx=0.5,0.4:0.25:3`).
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp::sweep {

struct ParamAxis {
  std::string name;
  // Each value as Python prints it: ints as ints, floats as repr(float); any other word
  // (a file name for --exec) as written.
  std::vector<std::string> values;
};

// Throws hpcpp::Error with a one-line message quoting `text` for bad syntax or an empty list.
ParamAxis parse_param_axis(std::string_view text);

// The text Python prints for a value written as `word`: "1_000" -> "1000", "0.50" -> "0.5",
// "1e-3" -> "0.001", "0x10" -> "16"; a word that is no Python number ("007", "a.txt")
// comes back unchanged.
std::string canonical_value(std::string_view word);

// numpy.linspace(from, to, count)[i], bit for bit.
double linspace_value(double from, double to, long count, long i);

}  // namespace hpcpp::sweep
