#pragma once
// The lecture's diff2dparams.py, read as data and checked.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hpcpp::params {

struct Diff2dParams {
  double D = 1.0;
  double x1 = -10.0;
  double x2 = 10.0;
  double runtime = 15.0;
  double dx = 0.0667;
  double outtime = 0.5;
  bool graphics = false;
};

// The names a diff2d parameter file must define, in the lecture's order.
const std::vector<std::string>& diff2d_keys();

// Reads `file`, then applies `overrides` ("dx=0.1", from --set), then checks every value.
// Errors are hpcpp::Error naming file:line (or "--set dx=...") and the key.
Diff2dParams load_diff2d_params(const std::filesystem::path& file,
                                const std::vector<std::string>& overrides = {});
// The same from a seekable stream; `file_name` names it in errors.
Diff2dParams load_diff2d_params(std::istream& in, std::string_view file_name,
                                const std::vector<std::string>& overrides = {});

// The same checks on values given by name elsewhere (a Python dict): each value is the
// text of a Python literal, `origin` names the container in messages ("params['dx']").
Diff2dParams diff2d_params_from_values(const std::vector<std::pair<std::string, std::string>>& values,
                                       const std::string& origin);

// The grid size as the lecture computes it: int((x2-x1)/dx), truncated toward zero.
// Throws if it does not fit the machine's integers.
std::int64_t lecture_nrows(double x1, double x2, double dx);

}  // namespace hpcpp::params
