#include "hpcpp/io/npy.hpp"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <numeric>

#include "hpcpp/core/atomic_file.hpp"
#include "hpcpp/core/error.hpp"

namespace hpcpp::io {
namespace {

constexpr char magic[] = "\x93NUMPY";
constexpr std::size_t magic_size = 6;

constexpr std::size_t max_header_length = 10000;  // numpy's cap against hostile headers
constexpr std::size_t growth_axis_digits = 21;     // numpy leaves room to rewrite the shape in place

std::string shape_repr(const std::vector<std::int64_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) text += fmt::format("{}, ", shape[i]);
  if (shape.size() > 1) text.resize(text.size() - 2);
  else if (shape.size() == 1) text.resize(text.size() - 1);
  return text + ")";
}

void write_header(std::ostream& out, const NpyArray& a) {
  const std::string preamble = npy_preamble(a.descr, a.fortran_order, a.shape);
  out.write(preamble.data(), static_cast<std::streamsize>(preamble.size()));
}

// The text of `key`'s value in the header dict: up to the next top-level ',' or '}'.
std::string header_value(const std::string& header, const std::string& key) {
  const std::size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) return "";
  std::size_t i = header.find(':', at);
  if (i == std::string::npos) return "";
  ++i;
  while (i < header.size() && header[i] == ' ') ++i;
  std::size_t end = i;
  int depth = 0;
  while (end < header.size() && !(depth == 0 && (header[end] == ',' || header[end] == '}'))) {
    if (header[end] == '(') ++depth;
    if (header[end] == ')') --depth;
    ++end;
  }
  return header.substr(i, end - i);
}

}  // namespace

std::int64_t NpyArray::count() const {
  return std::accumulate(shape.begin(), shape.end(), std::int64_t{1}, std::multiplies<>());
}

std::size_t NpyArray::item_size() const {
  if (descr.size() < 3) return 0;
  return static_cast<std::size_t>(std::stoul(descr.substr(2)));
}

void write_npy_2d(const std::filesystem::path& file, const double* data, std::int64_t rows, std::int64_t cols,
                  std::int64_t row_stride) {
  NpyArray meta{"<f8", false, {rows, cols}, {}};
  write_file_atomically(file, [&](std::ostream& out) {
    write_header(out, meta);
    for (std::int64_t i = 0; i < rows; ++i)
      out.write(reinterpret_cast<const char*>(data + i * row_stride),
                static_cast<std::streamsize>(cols * sizeof(double)));
  });
}

void write_npy(const std::filesystem::path& file, const NpyArray& array) {
  write_file_atomically(file, [&](std::ostream& out) {
    write_header(out, array);
    out.write(reinterpret_cast<const char*>(array.bytes.data()), static_cast<std::streamsize>(array.bytes.size()));
  });
}

namespace {

// The dict's top-level keys, in order; empty when the text is not one {...} literal.
std::vector<std::string> dict_keys(const std::string& header) {
  std::size_t last = header.find_last_not_of(" \n");
  if (header.empty() || header[0] != '{' || last == std::string::npos || header[last] != '}') return {};
  std::vector<std::string> keys;
  int depth = 0;
  for (std::size_t i = 0; i <= last; ++i) {
    const char c = header[i];
    if (c == '\'' || c == '"') {
      const std::size_t close = header.find(c, i + 1);
      if (close == std::string::npos) return {};
      std::size_t after = close + 1;
      while (after < header.size() && header[after] == ' ') ++after;
      if (depth == 1 && after < header.size() && header[after] == ':') keys.push_back(header.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '{' || c == '(' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ')' || c == ']') {
      --depth;
    }
  }
  return keys;
}

NpyHeader read_header(std::istream& in, const std::string& name) {
  char start[magic_size + 2];
  if (!in.read(start, sizeof start) || std::memcmp(start, magic, magic_size) != 0)
    throw Error(fmt::format("{}: not a .npy file (bad magic)", name));
  const int major = static_cast<unsigned char>(start[magic_size]);
  std::size_t header_length = 0;
  if (major == 1) {
    unsigned char len[2];
    if (!in.read(reinterpret_cast<char*>(len), 2)) throw Error(fmt::format("{}: truncated header", name));
    header_length = len[0] | (len[1] << 8);
  } else if (major == 2 || major == 3) {
    unsigned char len[4];
    if (!in.read(reinterpret_cast<char*>(len), 4)) throw Error(fmt::format("{}: truncated header", name));
    header_length = len[0] | (len[1] << 8) | (len[2] << 16) | (static_cast<std::size_t>(len[3]) << 24);
  } else {
    throw Error(fmt::format("{}: unsupported .npy version {}", name, major));
  }
  if (header_length > max_header_length)
    throw Error(fmt::format("{}: header of {} bytes is over numpy's limit of {}", name, header_length, max_header_length));
  std::string header(header_length, '\0');
  if (!in.read(header.data(), static_cast<std::streamsize>(header_length)))
    throw Error(fmt::format("{}: header length {} runs past the end of the file", name, header_length));
  std::vector<std::string> keys = dict_keys(header);
  std::sort(keys.begin(), keys.end());
  if (keys != std::vector<std::string>{"descr", "fortran_order", "shape"})
    throw Error(fmt::format("{}: header is not a dict of exactly 'descr', 'fortran_order' and 'shape'", name));

  NpyHeader a;
  a.data_offset = magic_size + 2 + (major == 1 ? 2 : 4) + header_length;
  const std::string descr = header_value(header, "descr");
  if (descr.size() < 5 || descr.front() != '\'' || descr.back() != '\'')
    throw Error(fmt::format("{}: header has no simple 'descr'", name));
  a.descr = descr.substr(1, descr.size() - 2);
  const bool plain_descr = std::string("<>|=").find(a.descr[0]) != std::string::npos &&
                           std::isalpha(static_cast<unsigned char>(a.descr[1])) && a.descr.size() <= 10 &&
                           std::all_of(a.descr.begin() + 2, a.descr.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (!plain_descr) throw Error(fmt::format("{}: unsupported dtype '{}'", name, a.descr));
  const std::string order = header_value(header, "fortran_order");
  if (order != "True" && order != "False") throw Error(fmt::format("{}: header has no 'fortran_order'", name));
  a.fortran_order = order == "True";
  const std::string shape = header_value(header, "shape");
  if (shape.size() < 2 || shape.front() != '(' || shape.back() != ')')
    throw Error(fmt::format("{}: header has no 'shape'", name));
  std::int64_t dim = -1;
  for (char c : shape.substr(1)) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      dim = (dim < 0 ? 0 : dim) * 10 + (c - '0');
      if (dim > (std::int64_t{1} << 40)) throw Error(fmt::format("{}: shape too large", name));
    } else if (c == ',' || c == ')') {
      if (dim >= 0) a.shape.push_back(dim);
      dim = -1;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      throw Error(fmt::format("{}: malformed shape {}", name, shape));
    }
  }
  if (a.descr[0] == '>' && a.item_size() > 1) throw Error(fmt::format("{}: big-endian data is not supported", name));
  if (a.item_size() == 0) throw Error(fmt::format("{}: unsupported dtype '{}'", name, a.descr));
  const std::int64_t count = a.count();
  if (count < 0 || count > (std::int64_t{1} << 40) / static_cast<std::int64_t>(a.item_size()))
    throw Error(fmt::format("{}: shape too large", name));
  return a;
}

}  // namespace

std::int64_t NpyHeader::count() const {
  return std::accumulate(shape.begin(), shape.end(), std::int64_t{1}, std::multiplies<>());
}

std::size_t NpyHeader::item_size() const { return NpyArray{descr, false, {}, {}}.item_size(); }

std::string npy_preamble(const std::string& descr, bool fortran_order, const std::vector<std::int64_t>& shape) {
  std::string dict = fmt::format("{{'descr': '{}', 'fortran_order': {}, 'shape': {}, }}", descr,
                                 fortran_order ? "True" : "False", shape_repr(shape));
  if (!shape.empty()) {
    const std::size_t digits = std::to_string(fortran_order ? shape.back() : shape.front()).size();
    if (digits < growth_axis_digits) dict.append(growth_axis_digits - digits, ' ');
  }
  const std::size_t padding = 64 - (magic_size + 2 + 2 + dict.size() + 1) % 64;
  dict.append(padding, ' ');
  dict += '\n';
  std::string preamble(magic, magic_size);
  preamble += '\x01';
  preamble += '\x00';
  preamble += static_cast<char>(dict.size() & 0xff);
  preamble += static_cast<char>(dict.size() >> 8);
  return preamble + dict;
}

NpyHeader read_npy_header(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open: {}", name, std::strerror(errno)));
  NpyHeader header = read_header(in, name);
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) throw Error(fmt::format("{}: cannot read its size: {}", name, ec.message()));
  const std::uint64_t needed = header.data_offset + static_cast<std::uint64_t>(header.count()) * header.item_size();
  if (size < needed)
    throw Error(fmt::format("{}: truncated: the shape needs {} bytes, the file has {}", name, needed, size));
  return header;
}

NpyArray read_npy(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open: {}", name, std::strerror(errno)));
  NpyHeader header = read_header(in, name);
  NpyArray a{std::move(header.descr), header.fortran_order, std::move(header.shape), {}};
  const std::int64_t count = a.count();
  a.bytes.resize(static_cast<std::size_t>(count) * a.item_size());
  if (!in.read(reinterpret_cast<char*>(a.bytes.data()), static_cast<std::streamsize>(a.bytes.size())))
    throw Error(fmt::format("{}: data shorter than its shape says", name));
  return a;
}

}  // namespace hpcpp::io
