#pragma once
// An animated GIF built frame by frame (giflib): every frame on one 256-colour palette of
// viridis, black and white, looping forever. Frames are compressed as they are added; the
// file is written atomically by finish().
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

#include "hpcpp/io/image.hpp"

namespace hpcpp::io {

class GifAnimation {
 public:
  GifAnimation(int width, int height, int delay_centiseconds);
  ~GifAnimation();
  GifAnimation(const GifAnimation&) = delete;
  GifAnimation& operator=(const GifAnimation&) = delete;

  void add(const Image& frame);  // of the size given at construction
  void finish(const std::filesystem::path& file);

 private:
  std::uint8_t palette_index(Rgb colour);

  int width_, height_, delay_;
  std::string encoded_;
  struct Encoder;
  std::unique_ptr<Encoder> encoder_;
  std::unordered_map<std::uint32_t, std::uint8_t> nearest_;
};

}  // namespace hpcpp::io
