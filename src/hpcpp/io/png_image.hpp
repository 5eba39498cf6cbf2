#pragma once
#include <filesystem>

#include "hpcpp/io/image.hpp"

namespace hpcpp::io {

// Writes `image` as an 8-bit RGB PNG, atomically.
void write_png(const std::filesystem::path& file, const Image& image);

}  // namespace hpcpp::io
