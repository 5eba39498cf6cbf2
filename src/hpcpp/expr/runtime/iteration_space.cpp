#include "hpcpp/expr/runtime/iteration_space.hpp"

namespace hpcpp::expr {

IterationSpace IterationSpace::over(const std::vector<std::int64_t>& shape, const std::vector<const ArrayRef*>& operands) {
  IterationSpace s;
  std::vector<std::int64_t> lengths;
  s.strides.resize(operands.size());
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] == 1) continue;
    const bool merges = !lengths.empty() && [&] {
      for (std::size_t k = 0; k < operands.size(); ++k)
        if (s.strides[k].back() != operands[k]->strides[axis] * shape[axis]) return false;
      return true;
    }();
    if (merges) {
      lengths.back() *= shape[axis];
      for (std::size_t k = 0; k < operands.size(); ++k) s.strides[k].back() = operands[k]->strides[axis];
    } else {
      lengths.push_back(shape[axis]);
      for (std::size_t k = 0; k < operands.size(); ++k) s.strides[k].push_back(operands[k]->strides[axis]);
    }
  }
  if (lengths.empty()) {
    // A single element (or a scalar result): one row of one (or zero) elements.
    std::int64_t count = 1;
    for (auto d : shape) count *= d;
    lengths.push_back(count);
    for (auto& st : s.strides) st.push_back(0);
  }
  s.inner = lengths.back();
  s.outer.assign(lengths.begin(), lengths.end() - 1);
  for (auto d : s.outer) s.rows *= d;
  if (s.inner == 0) s.rows = 0;
  return s;
}

void IterationSpace::row_pointers(std::int64_t row, const std::vector<const ArrayRef*>& operands,
                                  std::vector<char*>& base) const {
  for (std::size_t k = 0; k < operands.size(); ++k) base[k] = static_cast<char*>(operands[k]->data);
  for (std::size_t axis = outer.size(); axis-- > 0;) {
    const std::int64_t index = row % outer[axis];
    row /= outer[axis];
    for (std::size_t k = 0; k < operands.size(); ++k) base[k] += index * strides[k][axis];
  }
}

}  // namespace hpcpp::expr
