#include "hpcpp/sweep/task_list.hpp"

#include <fmt/core.h>

#include "hpcpp/core/error.hpp"

namespace hpcpp::sweep {
TaskList::TaskList(std::vector<ParamAxis> axes) : axes_(std::move(axes)) {
  if (axes_.empty()) throw Error("sweep: no --param given (e.g. --param D=0.5,1,2)");
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    for (std::size_t b = 0; b < a; ++b)
      if (axes_[a].name == axes_[b].name) throw Error(fmt::format("--param: '{}' is swept twice", axes_[a].name));
    if (axes_[a].size() == 0) throw Error(fmt::format("--param '{}': empty list of values", axes_[a].name));
    if (axes_[a].size() > max_tasks / size_)
      throw Error(fmt::format("sweep: more than {} tasks (the product of the --param list lengths)", max_tasks));
    size_ *= axes_[a].size();
  }
}

std::vector<std::string> TaskList::names() const {
  std::vector<std::string> names;
  for (const auto& axis : axes_) names.push_back(axis.name);
  return names;
}

std::vector<std::string> TaskList::values(std::uint64_t index) const {
  std::vector<std::string> values(axes_.size());
  for (std::size_t a = axes_.size(); a-- > 0;) {
    const auto n = axes_[a].size();
    values[a] = axes_[a].value(index % n);
    index /= n;
  }
  return values;
}

}  // namespace hpcpp::sweep
