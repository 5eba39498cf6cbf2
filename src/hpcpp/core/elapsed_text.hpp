#pragma once
// How every command prints a duration: "Elapsed: 0.30 seconds", as the lecture's etime
// (/usr/bin/time -f "Elapsed: %e seconds") does, with two significant digits below 0.1 s
// instead of a row of zeros ("Elapsed: 0.0042 seconds").
#include <string>

namespace hpcpp {

// "0.30", "12.34", "0.0042": the seconds with the digits that matter.
std::string seconds_text(double seconds);

// "Elapsed: 0.30 seconds"
std::string elapsed_text(double seconds);

}  // namespace hpcpp
