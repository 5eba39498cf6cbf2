#include "hpcpp/core/utf8.hpp"

namespace hpcpp {

std::size_t decode_utf8(std::string_view text, std::size_t at, std::uint32_t& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  std::size_t length;
  std::uint32_t minimum;
  std::uint32_t c;
  if (lead < 0x80) return code_point = lead, 1;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2, c = lead & 0x1f, minimum = 0x80;
  else if (lead >= 0xe0 && lead <= 0xef) length = 3, c = lead & 0x0f, minimum = 0x800;
  else if (lead >= 0xf0 && lead <= 0xf4) length = 4, c = lead & 0x07, minimum = 0x10000;
  else return 0;
  if (at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xc0) != 0x80) return 0;
    c = (c << 6) | (byte(k) & 0x3f);
  }
  if (c < minimum || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  code_point = c;
  return length;
}

bool is_valid_utf8(std::string_view text) {
  std::uint32_t c;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = decode_utf8(text, i, c);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace hpcpp
