#include "hpcpp/core/printable.hpp"

#include <fmt/core.h>

#include <cstdint>

namespace hpcpp {
namespace {

// Unicode characters outside ASCII that Python's str.isprintable() rejects and that a
// terminal may act on: controls, format characters, separators other than the space,
// private use and the byte order mark.
bool printable_code_point(std::uint32_t c) {
  if (c < 0x20 || c == 0x7f) return false;
  if (c < 0x7f) return true;
  if (c <= 0xa0 || c == 0xad) return false;                 // C1 controls, no-break space, soft hyphen
  if (c == 0x061c || c == 0x180e || c == 0x1680) return false;
  if (c >= 0x2000 && c <= 0x200f) return false;              // spaces, zero-width, direction marks
  if (c >= 0x2028 && c <= 0x202f) return false;              // separators, embeddings, narrow space
  if (c >= 0x205f && c <= 0x206f) return false;              // isolates and invisible operators
  if (c == 0x3000 || c == 0xfeff) return false;
  if (c >= 0xd800 && c <= 0xf8ff) return false;              // surrogates, private use
  if (c >= 0xfff9 && c <= 0xfffb) return false;              // interlinear annotation
  if (c == 0xfffe || c == 0xffff) return false;              // non-characters
  if (c >= 0xf0000) return false;                             // supplementary private use
  return true;
}

// Decodes one UTF-8 character at text[i]; returns its length, or 0 for an invalid sequence.
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& c) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char b = byte(0);
  std::size_t length;
  std::uint32_t minimum;
  if (b < 0x80) return c = b, 1;
  if (b >= 0xc2 && b <= 0xdf) length = 2, c = b & 0x1f, minimum = 0x80;
  else if (b >= 0xe0 && b <= 0xef) length = 3, c = b & 0x0f, minimum = 0x800;
  else if (b >= 0xf0 && b <= 0xf4) length = 4, c = b & 0x07, minimum = 0x10000;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xc0) != 0x80) return 0;
    c = (c << 6) | (byte(k) & 0x3f);
  }
  if (c < minimum || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  return length;
}

std::string escaped(std::uint32_t c) {
  switch (c) {
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
  }
  if (c < 0x100) return fmt::format("\\x{:02x}", c);
  if (c < 0x10000) return fmt::format("\\u{:04x}", c);
  return fmt::format("\\U{:08x}", c);
}

std::string escape(std::string_view text, char quote) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t c = 0;
    const std::size_t length = decode_utf8(text, i, c);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (c == '\\' || (quote != 0 && c == static_cast<unsigned char>(quote))) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (printable_code_point(c)) {
      out.append(text.substr(i, length));
    } else {
      out += escaped(c);
    }
    i += length;
  }
  return out;
}

}  // namespace

std::string printable(std::string_view text) { return escape(text, 0); }

std::string python_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  return quote + escape(text, quote) + quote;
}

}  // namespace hpcpp
