#pragma once
// The tasks of a sweep: the cartesian product of the swept parameters' values, numbered
// from 0 with the first parameter varying slowest (like nested for loops in that order).
// A task's values are computed from its number (its digits in the mixed radix of the axis
// sizes): no task is stored.
#include <cstdint>
#include <string>
#include <vector>

#include "hpcpp/sweep/param_axis.hpp"

namespace hpcpp::sweep {

class TaskList {
 public:
  // Throws hpcpp::Error for no axes, a name given twice or more than max_tasks tasks (the
  // product is checked as it is formed, so it never overflows).
  explicit TaskList(std::vector<ParamAxis> axes);

  std::uint64_t size() const { return size_; }
  const std::vector<ParamAxis>& axes() const { return axes_; }
  std::vector<std::string> names() const;
  // The value of every axis for task `index`, in axis order.
  std::vector<std::string> values(std::uint64_t index) const;

 private:
  std::vector<ParamAxis> axes_;
  std::uint64_t size_ = 1;
};

}  // namespace hpcpp::sweep
