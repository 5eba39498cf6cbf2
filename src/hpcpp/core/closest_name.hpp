#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace hpcpp {

// The candidate nearest to `word` by edit distance (for "did you mean ...?").
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace hpcpp
