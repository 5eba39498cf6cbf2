#pragma once
// What print(a) shows for a numpy array under numpy 1.24's default print options
// (linewidth 75, threshold 1000, edgeitems 3, precision 8, floatmode 'maxprec'):
// - n-D arrays as nested brackets, blocks of a 3-D array apart by a blank line, each row
//   wrapped at 75 characters under its bracket;
// - arrays of more than 1000 values summarized: the first and last 3 along every axis
//   around "...", the layout computed from the values shown;
// - floats each with their own shortest digits (at most 8 after the point), aligned on the
//   point ("[1.  2.5]"), all in scientific form when a magnitude is >= 1e8 or < 1e-4 or
//   they span more than 1000x; nan and inf right-aligned;
// - integers right-aligned; booleans " True"/"False"; complex as real and imaginary parts
//   each laid out as a float array ("1. +2.e+00j"); S strings as b'...' without padding;
// - an empty array as "[]", and a 0-d array (empty shape) as its scalar: str(np.float64(x)).
// `values` are in C order; their count is the product of `shape`.
#include <complex>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hpcpp {

using NumpyShape = std::span<const std::int64_t>;

std::string numpy_str(std::span<const double> values, NumpyShape shape);
std::string numpy_str(std::span<const float> values, NumpyShape shape);
std::string numpy_str(std::span<const std::int64_t> values, NumpyShape shape);
std::string numpy_str(std::span<const std::int32_t> values, NumpyShape shape);
std::string numpy_str(std::span<const bool> values, NumpyShape shape);
std::string numpy_str(std::span<const std::complex<double>> values, NumpyShape shape);
// numpy 'S' strings: `item_size` bytes each, NUL-padded.
std::string numpy_bytes_str(std::string_view bytes, std::int64_t item_size, NumpyShape shape);

// A 1-D float64 array.
std::string numpy_str(std::span<const double> values);

}  // namespace hpcpp
