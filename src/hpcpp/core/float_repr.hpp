#pragma once
#include <string>

namespace hpcpp {

// The text Python's repr(float) gives: the shortest digits that round-trip, positional
// for exponents in [-4, 16), scientific otherwise ("0.0", "0.4900000000000004", "1e-05",
// "1e+16", "inf", "nan").
std::string python_float_repr(double value);

// The text numpy's str() gives a float32 scalar: the same rules over the shortest digits
// that read back as that float32 ("0.1", "123456790.0", "1e-45").
std::string float32_repr(float value);

}  // namespace hpcpp
