#include "hpcpp/bigfile/element_access.hpp"

#include <fmt/core.h>

#include "hpcpp/bigfile/file_descriptor.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::bigfile {

std::vector<ElementValue> read_elements(const ArrayFile& array, const std::vector<std::int64_t>& indices) {
  const std::size_t axes = array.shape.size();
  if (axes == 0 || indices.empty() || indices.size() % axes != 0)
    throw Error(fmt::format("{}: shape {} needs {} indices per element, got {}", array.name(), shape_text(array.shape),
                            axes, indices.size()));
  const FileDescriptor file = open_for_reading(array.name());
  const std::size_t size = item_size(array.type);
  std::vector<ElementValue> values;
  for (std::size_t e = 0; e < indices.size(); e += axes) {
    std::int64_t flat = 0;
    for (std::size_t axis = 0; axis < axes; ++axis) {
      const std::int64_t dim = array.shape[axis], given = indices[e + axis];
      const std::int64_t i = given < 0 ? given + dim : given;
      if (i < 0 || i >= dim)
        throw Error(fmt::format("{}: index {} is out of bounds for axis {} with size {}", array.name(), given, axis, dim));
      flat = flat * dim + i;
    }
    unsigned char bytes[8];
    read_exactly(file.get(), bytes, size, array.data_offset + static_cast<std::uint64_t>(flat) * size, array.name());
    values.push_back(element_value(array.type, bytes));
  }
  return values;
}

}  // namespace hpcpp::bigfile
