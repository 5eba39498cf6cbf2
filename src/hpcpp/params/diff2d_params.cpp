#include "hpcpp/params/diff2d_params.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "hpcpp/core/closest_name.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/params/assignment_file.hpp"
#include "hpcpp/params/python_literal.hpp"

namespace hpcpp::params {
namespace {

// Beyond this many interior rows a field would not fit in any machine's memory.
constexpr double max_nrows = 1.0e6;

struct Seen {
  std::map<std::string, std::string> where;  // key -> "file:line" of its assignment
};

void assign(Diff2dParams& p, const Assignment& a, Seen& seen) {
  const auto& keys = diff2d_keys();
  if (std::find(keys.begin(), keys.end(), a.name) == keys.end())
    throw Error(fmt::format("{}: unknown key {} (did you mean '{}'?)", a.where, python_repr(a.name),
                            closest_name(a.name, keys)));
  if (a.name == "graphics") {
    const auto flag = parse_python_bool(a.value);
    if (!flag)
      throw Error(fmt::format("{}: key 'graphics': value {} is not True or False", a.where, python_repr(a.value)));
    p.graphics = *flag;
  } else {
    const auto number = parse_python_number(a.value);
    if (!number)
      throw Error(fmt::format("{}: key '{}': value {} is not a number", a.where, a.name, python_repr(a.value)));
    if (!std::isfinite(number->value))
      throw Error(fmt::format("{}: key '{}': value {} is not finite ({})", a.where, a.name, python_repr(a.value),
                              number->is_int ? "an int too large for a float" : "Python reads it as inf"));
    double* slot = a.name == "D"         ? &p.D
                   : a.name == "x1"      ? &p.x1
                   : a.name == "x2"      ? &p.x2
                   : a.name == "runtime" ? &p.runtime
                   : a.name == "dx"      ? &p.dx
                                         : &p.outtime;
    *slot = number->value;
  }
  seen.where[a.name] = a.where;
}

void check(const Diff2dParams& p, const Seen& seen, const std::string& file) {
  for (const auto& key : diff2d_keys())
    if (!seen.where.count(key)) throw Error(fmt::format("{}: missing key '{}'", printable(file), key));
  auto fail = [&](const std::string& key, const std::string& what) {
    throw Error(fmt::format("{}: key '{}': {}", seen.where.at(key), key, what));
  };
  if (!(p.D > 0)) fail("D", fmt::format("must be > 0 (got {})", python_float_repr(p.D)));
  if (!(p.dx > 0)) fail("dx", fmt::format("must be > 0 (got {})", python_float_repr(p.dx)));
  if (!(p.x2 > p.x1))
    fail("x2", fmt::format("must be greater than x1 = {} (got {})", python_float_repr(p.x1), python_float_repr(p.x2)));
  if (!(p.runtime >= 0)) fail("runtime", fmt::format("must be >= 0 (got {})", python_float_repr(p.runtime)));
  if (!(p.outtime >= 0)) fail("outtime", fmt::format("must be >= 0 (got {})", python_float_repr(p.outtime)));
  if (!std::isfinite(p.x2 - p.x1)) fail("x2", "x2 - x1 overflows");
  const double rows = std::trunc((p.x2 - p.x1) / p.dx);
  if (rows < 1)
    fail("dx", fmt::format("{} is larger than x2 - x1 = {}: the grid has no interior point (nrows = 0)",
                           python_float_repr(p.dx), python_float_repr(p.x2 - p.x1)));
  if (rows > max_nrows)
    fail("dx", fmt::format("{} makes a grid of {:.0f} x {:.0f} points, too large", python_float_repr(p.dx), rows, rows));
  const auto nrows = lecture_nrows(p.x1, p.x2, p.dx);
  const double dx = (p.x2 - p.x1) / static_cast<double>(nrows);
  const double dt = 0.25 * dx * dx / p.D;
  if (!(dt > 0) || !std::isfinite(dt)) fail("D", "gives a time step that is zero or not finite");
  if (!(p.runtime / dt < 9.0e18)) fail("runtime", "needs more time steps than fit in a 64-bit counter");
  if (!(p.outtime / dt < 9.0e18)) fail("outtime", "is more time steps than fit in a 64-bit counter");
}

}  // namespace

const std::vector<std::string>& diff2d_keys() {
  static const std::vector<std::string> keys = {"D", "x1", "x2", "runtime", "dx", "outtime", "graphics"};
  return keys;
}

std::int64_t lecture_nrows(double x1, double x2, double dx) {
  const double rows = (x2 - x1) / dx;
  if (!(rows < max_nrows + 1)) throw Error(fmt::format("grid too large: (x2-x1)/dx = {}", rows));
  return static_cast<std::int64_t>(rows);
}

namespace {

Diff2dParams params_from(const std::vector<Assignment>& assignments, const std::string& file_name,
                         const std::vector<std::string>& overrides) {
  Diff2dParams p;
  Seen seen;
  for (const auto& a : assignments) {
    if (seen.where.count(a.name))
      throw Error(fmt::format("{}: key '{}' is set twice (first at {})", a.where, a.name, seen.where[a.name]));
    assign(p, a, seen);
  }
  std::map<std::string, std::string> overridden;  // key -> its --set
  for (const auto& text : overrides) {
    const auto origin = fmt::format("--set {}", printable(text));
    const Assignment a = parse_assignment(text, origin);
    if (auto [it, fresh] = overridden.emplace(a.name, origin); !fresh)
      throw Error(fmt::format("{}: key '{}' is set twice (first by {})", origin, a.name, it->second));
    assign(p, a, seen);
  }
  check(p, seen, file_name);
  return p;
}

}  // namespace

Diff2dParams load_diff2d_params(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  return params_from(read_assignments(file), file.string(), overrides);
}

Diff2dParams load_diff2d_params(std::istream& in, std::string_view file_name,
                                const std::vector<std::string>& overrides) {
  return params_from(read_assignments(in, file_name), std::string(file_name), overrides);
}

Diff2dParams diff2d_params_from_values(const std::vector<std::pair<std::string, std::string>>& values,
                                       const std::string& origin) {
  Diff2dParams p;
  Seen seen;
  for (const auto& [name, text] : values) assign(p, Assignment{name, text, fmt::format("{}['{}']", origin, printable(name))}, seen);
  check(p, seen, origin);
  return p;
}

}  // namespace hpcpp::params
