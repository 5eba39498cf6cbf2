#include "hpcpp/core/printable.hpp"

#include <fmt/core.h>

#include <cstdint>

#include "hpcpp/core/utf8.hpp"

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
