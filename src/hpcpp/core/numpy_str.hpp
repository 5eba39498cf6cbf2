#pragma once
#include <span>
#include <string>

namespace hpcpp {

// What print(a) shows for a 1-D float64 numpy array with numpy's default print options, for
// arrays that fit on one line and whose values numpy prints positionally (magnitudes in
// [1e-4, 1e8)): "[-0. -1. -2.]", "[ 0.5  -1.25]". Other values print as Python's repr.
std::string numpy_str(std::span<const double> values);

}  // namespace hpcpp
