#pragma once
// The tasks of a sweep: the cartesian product of the swept parameters' values, numbered
// from 0 with the first parameter varying slowest (like nested for loops in that order).
#include <cstddef>
#include <string>
#include <vector>

#include "hpcpp/sweep/param_axis.hpp"

namespace hpcpp::sweep {

class TaskList {
 public:
  // Throws hpcpp::Error for no axes, a name given twice or too many tasks.
  explicit TaskList(std::vector<ParamAxis> axes);

  std::size_t size() const { return size_; }
  const std::vector<ParamAxis>& axes() const { return axes_; }
  std::vector<std::string> names() const;
  // The value of every axis for task `index`, in axis order.
  std::vector<std::string> values(std::size_t index) const;

 private:
  std::vector<ParamAxis> axes_;
  std::size_t size_ = 1;
};

}  // namespace hpcpp::sweep
