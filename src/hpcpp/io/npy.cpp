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

std::string header_text(const NpyArray& a) {
  std::string shape = "(";
  for (std::size_t i = 0; i < a.shape.size(); ++i) shape += fmt::format("{}, ", a.shape[i]);
  if (a.shape.size() > 1) shape.resize(shape.size() - 2);
  else if (a.shape.size() == 1) shape.resize(shape.size() - 1);
  shape += ")";
  std::string dict = fmt::format("{{'descr': '{}', 'fortran_order': {}, 'shape': {}, }}", a.descr,
                                 a.fortran_order ? "True" : "False", shape);
  const std::size_t unpadded = magic_size + 2 + 2 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  return dict;
}

void write_header(std::ostream& out, const NpyArray& a) {
  const std::string header = header_text(a);
  out.write(magic, magic_size);
  const unsigned char version[2] = {1, 0};
  out.write(reinterpret_cast<const char*>(version), 2);
  const unsigned char length[2] = {static_cast<unsigned char>(header.size() & 0xff),
                                   static_cast<unsigned char>(header.size() >> 8)};
  out.write(reinterpret_cast<const char*>(length), 2);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
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

NpyArray read_npy(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open: {}", name, std::strerror(errno)));
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
  if (header_length > (1u << 20)) throw Error(fmt::format("{}: header too long", name));
  std::string header(header_length, '\0');
  if (!in.read(header.data(), static_cast<std::streamsize>(header_length)))
    throw Error(fmt::format("{}: truncated header", name));

  NpyArray a;
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
  a.bytes.resize(static_cast<std::size_t>(count) * a.item_size());
  if (!in.read(reinterpret_cast<char*>(a.bytes.data()), static_cast<std::streamsize>(a.bytes.size())))
    throw Error(fmt::format("{}: data shorter than its shape says", name));
  return a;
}

}  // namespace hpcpp::io
