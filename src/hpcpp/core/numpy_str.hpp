#pragma once
#include <span>
#include <string>

namespace hpcpp {

// What print(a) shows for a 1-D float64 numpy array under numpy 1.24's default print
// options: each value with its own shortest digits (at most 8 after the point), aligned on
// the point ("[1.  2.5]"); scientific for all when a magnitude is >= 1e8 or < 1e-4 or
// they span more than 1000x; nan and inf right-aligned; lines wrapped at 75 characters;
// arrays over 1000 values summarized as their first and last 3 around "...".
std::string numpy_str(std::span<const double> values);

}  // namespace hpcpp
