#pragma once
// Random access to a few elements of an array file, each read on its own (the rest of the
// file is never read). Indices as numpy takes them: one per axis, negative from the end.
#include <cstdint>
#include <vector>

#include "hpcpp/bigfile/array_file.hpp"

namespace hpcpp::bigfile {

// `indices` holds one index per axis for each element, one element after another.
std::vector<ElementValue> read_elements(const ArrayFile& array, const std::vector<std::int64_t>& indices);

}  // namespace hpcpp::bigfile
