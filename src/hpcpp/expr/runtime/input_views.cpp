#include "hpcpp/expr/runtime/input_views.hpp"

#include <fmt/core.h>

#include "hpcpp/core/error.hpp"
#include "hpcpp/expr/runtime/slicing.hpp"

namespace hpcpp::expr {
namespace {

// numpy's broadcasting: shapes are aligned at their last axes, where each has the common
// length or 1. Returns false where they do not agree.
bool broadcast_into(std::vector<std::int64_t>& common, const std::vector<std::int64_t>& shape) {
  if (shape.size() > common.size()) common.insert(common.begin(), shape.size() - common.size(), 1);
  const std::size_t offset = common.size() - shape.size();
  for (std::size_t k = 0; k < shape.size(); ++k) {
    std::int64_t& c = common[offset + k];
    if (shape[k] == c || shape[k] == 1) continue;
    if (c != 1) return false;
    c = shape[k];
  }
  return true;
}

// `view` seen with `shape`: stride 0 along the axes it is broadcast over.
void broadcast_view(ArrayRef& view, const std::vector<std::int64_t>& shape) {
  const std::size_t offset = shape.size() - view.shape.size();
  std::vector<std::int64_t> strides(shape.size(), 0);
  for (std::size_t k = 0; k < view.shape.size(); ++k)
    if (view.shape[k] == shape[offset + k]) strides[offset + k] = view.strides[k];
  view.shape = shape;
  view.strides = std::move(strides);
}

}  // namespace

InputViews resolve_inputs(const Program& program, const Bindings& inputs) {
  InputViews r;
  const InputSlot* shaped = nullptr;
  std::vector<std::int64_t> first_shape;
  for (const auto& slot : program.inputs) {
    const auto it = inputs.find(slot.name);
    if (it == inputs.end()) throw Error(fmt::format("no array given for '{}'", slot.name));
    if (it->second.dtype != slot.dtype)
      throw Error(fmt::format("'{}' is {} but the expression was compiled for {}", slot.name,
                              dtype_name(it->second.dtype), dtype_name(slot.dtype)));
    if (it->second.strides.size() != it->second.shape.size())
      throw Error(fmt::format("'{}' has {} strides for {} dimensions", slot.name, it->second.strides.size(), it->second.shape.size()));
    r.views.push_back(slice_view(it->second, slot.slices, slot.spelling));
    const ArrayRef& v = r.views.back();
    if (v.shape.empty()) continue;
    if (!shaped) {
      shaped = &slot;
      first_shape = v.shape;
    }
    if (!broadcast_into(r.shape, v.shape))
      throw Error(fmt::format("shape mismatch: {} has shape {} but {} has shape {}", shaped->spelling,
                              shape_text(first_shape), slot.spelling, shape_text(v.shape)));
  }
  for (ArrayRef& v : r.views)
    if (!v.shape.empty() && v.shape != r.shape) broadcast_view(v, r.shape);
  return r;
}

}  // namespace hpcpp::expr
