#pragma once
// A shape as Python prints numpy's shape tuple: "(3, 4)", "(5,)", "()"; for messages of
// io, expr and bigfile alike.
#include <cstdint>
#include <span>
#include <string>

namespace hpcpp {

std::string shape_text(std::span<const std::int64_t> shape);

}  // namespace hpcpp
