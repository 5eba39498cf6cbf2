#pragma once
#include "hpcpp/io/image.hpp"

namespace hpcpp::io {

// matplotlib's default colour map (viridis) at t in [0, 1], interpolated from 17 samples.
Rgb viridis(double t);

}  // namespace hpcpp::io
