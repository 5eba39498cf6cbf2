#include "hpcpp/io/png_image.hpp"

#include <fmt/core.h>
#include <png.h>

#include <string>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::io {
namespace {

void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void no_flush(png_structp) {}

std::string encode_png(const Image& image) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    throw Error("PNG encoder: out of memory");
  }
  std::string encoded;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw Error("PNG encoder failed");
  }
  png_set_write_fn(png, &encoded, append_to_string, no_flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y)
    png_write_row(png, const_cast<png_bytep>(&image.pixels[static_cast<std::size_t>(y) * image.width * 3]));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return encoded;
}

}  // namespace

void write_png(const std::filesystem::path& file, const Image& image) {
  const std::string encoded = encode_png(image);
  write_file_atomically(file, [&](std::ostream& out) {
    out.write(encoded.data(), static_cast<std::streamsize>(encoded.size()));
  });
}

}  // namespace hpcpp::io
