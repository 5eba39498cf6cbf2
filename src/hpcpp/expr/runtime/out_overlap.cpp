#include "hpcpp/expr/runtime/out_overlap.hpp"

#include <cstdint>
#include <optional>

namespace hpcpp::expr {
namespace {

struct ByteRange {
  const char *first, *end;
};

std::optional<ByteRange> bytes_of(const ArrayRef& v) {
  const char* first = static_cast<const char*>(v.data);
  const char* end = first + v.item_bytes();
  for (std::size_t k = 0; k < v.shape.size(); ++k) {
    if (v.shape[k] == 0) return std::nullopt;
    const std::int64_t reach = v.strides[k] * (v.shape[k] - 1);
    (reach < 0 ? first : end) += reach;
  }
  return ByteRange{first, end};
}

}  // namespace

bool out_overlaps_an_input(const Program& program, const Bindings& inputs, const ArrayRef& out) {
  const auto o = bytes_of(out);
  if (!o) return false;
  for (const auto& slot : program.inputs) {
    const ArrayRef& v = inputs.find(slot.name)->second;
    const auto r = bytes_of(v);
    if (!r || r->end <= o->first || o->end <= r->first) continue;
    const bool same_elements = slot.slices.empty() && v.data == out.data && v.shape == out.shape &&
                               v.strides == out.strides && v.item_bytes() == out.item_bytes();
    if (!same_elements) return true;
  }
  return false;
}

}  // namespace hpcpp::expr
