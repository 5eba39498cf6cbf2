#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hpcpp {

// Decodes the UTF-8 character at text[at] into `code_point`; returns its length in bytes,
// or 0 where the bytes are not UTF-8 (overlong forms and surrogates included, as Python).
std::size_t decode_utf8(std::string_view text, std::size_t at, std::uint32_t& code_point);

bool is_valid_utf8(std::string_view text);

}  // namespace hpcpp
