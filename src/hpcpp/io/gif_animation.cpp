#include "hpcpp/io/gif_animation.hpp"

#include <fmt/core.h>
#include <gif_lib.h>

#include <array>
#include <vector>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"
#include "hpcpp/io/colormap.hpp"

namespace hpcpp::io {
namespace {

constexpr int palette_size = 256;
constexpr int viridis_entries = palette_size - 2;  // then black and white

const std::array<Rgb, palette_size>& palette() {
  static const auto colours = [] {
    std::array<Rgb, palette_size> p{};
    for (int k = 0; k < viridis_entries; ++k) p[static_cast<std::size_t>(k)] = viridis(static_cast<double>(k) / (viridis_entries - 1));
    p[viridis_entries] = {0, 0, 0};
    p[viridis_entries + 1] = {255, 255, 255};
    return p;
  }();
  return colours;
}

int append_to_string(GifFileType* gif, const GifByteType* data, int length) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  return length;
}

void check(int status, GifFileType* gif, const char* step) {
  if (status != GIF_OK) throw Error(fmt::format("GIF encoder: {}: {}", step, GifErrorString(gif->Error)));
}

}  // namespace

struct GifAnimation::Encoder {
  GifFileType* gif = nullptr;
  ~Encoder() {
    if (gif) EGifCloseFile(gif, nullptr);
  }
};

GifAnimation::GifAnimation(int width, int height, int delay_centiseconds)
    : width_(width), height_(height), delay_(delay_centiseconds), encoder_(std::make_unique<Encoder>()) {
  int error = 0;
  encoder_->gif = EGifOpen(&encoded_, append_to_string, &error);
  if (!encoder_->gif) throw Error(fmt::format("GIF encoder: {}", GifErrorString(error)));
  GifFileType* gif = encoder_->gif;
  EGifSetGifVersion(gif, true);
  std::array<GifColorType, palette_size> colours{};
  for (std::size_t k = 0; k < colours.size(); ++k) colours[k] = {palette()[k][0], palette()[k][1], palette()[k][2]};
  ColorMapObject* map = GifMakeMapObject(palette_size, colours.data());
  if (!map) throw Error("GIF encoder: out of memory");
  const int status = EGifPutScreenDesc(gif, width, height, 8, 0, map);
  GifFreeMapObject(map);
  check(status, gif, "screen");
  // The Netscape extension: loop forever.
  check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), gif, "loop");
  check(EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0"), gif, "loop");
  const unsigned char loop[3] = {1, 0, 0};
  check(EGifPutExtensionBlock(gif, 3, loop), gif, "loop");
  check(EGifPutExtensionTrailer(gif), gif, "loop");
}

GifAnimation::~GifAnimation() = default;

std::uint8_t GifAnimation::palette_index(Rgb colour) {
  const std::uint32_t key = (std::uint32_t{colour[0]} << 16) | (std::uint32_t{colour[1]} << 8) | colour[2];
  if (const auto found = nearest_.find(key); found != nearest_.end()) return found->second;
  int best = 0, best_distance = 1 << 30;
  for (int k = 0; k < palette_size; ++k) {
    int distance = 0;
    for (std::size_t ch = 0; ch < 3; ++ch) {
      const int d = int{colour[ch]} - int{palette()[static_cast<std::size_t>(k)][ch]};
      distance += d * d;
    }
    if (distance < best_distance) best = k, best_distance = distance;
  }
  return nearest_[key] = static_cast<std::uint8_t>(best);
}

void GifAnimation::add(const Image& frame) {
  if (frame.width != width_ || frame.height != height_)
    throw Error(fmt::format("GIF encoder: a {}x{} frame in a {}x{} animation", frame.width, frame.height, width_, height_));
  GifFileType* gif = encoder_->gif;
  GraphicsControlBlock control{};
  control.DisposalMode = DISPOSE_DO_NOT;
  control.DelayTime = delay_;
  control.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType extension[4];
  const std::size_t length = EGifGCBToExtension(&control, extension);
  check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension), gif, "frame");
  check(EGifPutImageDesc(gif, 0, 0, width_, height_, false, nullptr), gif, "frame");
  std::vector<GifPixelType> line(static_cast<std::size_t>(width_));
  for (int y = 0; y < height_; ++y) {
    for (int x = 0; x < width_; ++x) line[static_cast<std::size_t>(x)] = palette_index(frame.get(x, y));
    check(EGifPutLine(gif, line.data(), width_), gif, "frame");
  }
}

void GifAnimation::finish(const std::filesystem::path& file) {
  int error = 0;
  const int status = EGifCloseFile(encoder_->gif, &error);
  encoder_->gif = nullptr;
  if (status != GIF_OK) throw Error(fmt::format("GIF encoder: {}", GifErrorString(error)));
  write_file_atomically(file, [&](std::ostream& out) { out.write(encoded_.data(), static_cast<std::streamsize>(encoded_.size())); });
}

}  // namespace hpcpp::io
