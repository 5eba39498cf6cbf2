#pragma once
// The lecture's firstfork.py: fork a child that says hello and _exits, say hello from the
// parent, read a line; stop at "q" (or the end of the input). Unlike the lecture, the
// parent reaps each child before it reads the next line, so no zombie is left behind.
#include <istream>

namespace hpcpp::procs {

// Returns the number of children forked (one at the start, one per line that is not "q").
int run_first_fork(std::istream& input);

}  // namespace hpcpp::procs
