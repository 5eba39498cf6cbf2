#include "hpcpp/io/npy_header.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/printable.hpp"
#include "hpcpp/core/shape_text.hpp"

namespace hpcpp::io {
namespace {

constexpr std::string_view magic = "\x93NUMPY";
constexpr std::size_t alignment = 64;
// numpy leaves room after the dict for the growing axis to reach this many digits.
constexpr std::size_t growth_axis_digits = 21;

// The three values of the header dict: a Python literal read as ast.literal_eval would,
// limited to the forms a .npy header may hold.
struct HeaderDict {
  std::optional<std::string> descr;
  std::optional<bool> fortran_order;
  std::optional<std::vector<std::int64_t>> shape;
};

class HeaderParser {
 public:
  HeaderParser(std::string_view text, std::string_view name) : text_(text), name_(name) {}

  HeaderDict parse() {
    while (at_any(" \t")) ++pos_;
    expect('{');
    HeaderDict dict;
    skip_space();
    while (!at_any("}")) {
      const std::string key = string_literal();
      skip_space();
      expect(':');
      skip_space();
      if (key == "descr") dict.descr = string_literal();
      else if (key == "fortran_order") dict.fortran_order = bool_literal();
      else if (key == "shape") dict.shape = shape_literal();
      else fail(fmt::format("unexpected key {}", python_repr(key)));
      skip_space();
      if (!at_any(",")) break;
      ++pos_;
      skip_space();
    }
    expect('}');
    skip_space();
    if (pos_ != text_.size()) fail("text after the dict");
    return dict;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    constexpr std::size_t excerpt = 40;
    throw Error(fmt::format("{}: malformed .npy header: {} at byte {} of the header ({}...)", printable(name_), what,
                            pos_, python_repr(text_.substr(pos_ < excerpt / 2 ? 0 : pos_ - excerpt / 2, excerpt))));
  }
  bool at_any(std::string_view chars) const {
    return pos_ < text_.size() && chars.find(text_[pos_]) != std::string_view::npos;
  }
  void skip_space() {
    while (at_any(" \t\f\r\n")) ++pos_;
  }
  void expect(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) fail(fmt::format("expected '{}'", c));
    ++pos_;
  }
  std::string string_literal() {
    if (!at_any("'\"")) fail("expected a quoted string");
    const char quote = text_[pos_++];
    const std::size_t end = text_.find_first_of(std::string{quote, '\\', '\n'}, pos_);
    if (end == std::string_view::npos || text_[end] != quote) fail("unsupported string");
    std::string value(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return value;
  }
  bool bool_literal() {
    for (const auto& [word, value] : {std::pair{std::string_view("True"), true}, {"False", false}})
      if (text_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return value;
      }
    fail("fortran_order is not True or False");
  }
  std::int64_t dimension() {
    const std::size_t start = pos_;
    if (at_any("-")) fail("negative dimension");
    while (at_any("0123456789")) ++pos_;
    const std::string_view digits = text_.substr(start, pos_ - start);
    if (digits.empty()) fail("expected a dimension");
    if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string_view::npos)
      fail("dimension with a leading zero");
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc()) fail("dimension over 2**63 - 1");
    return value;
  }
  std::vector<std::int64_t> shape_literal() {
    expect('(');
    skip_space();
    std::vector<std::int64_t> shape;
    bool trailing_comma = false;
    while (!at_any(")")) {
      shape.push_back(dimension());
      skip_space();
      trailing_comma = at_any(",");
      if (!trailing_comma) break;
      ++pos_;
      skip_space();
    }
    expect(')');
    if (shape.size() == 1 && !trailing_comma) fail("shape is not a tuple");
    return shape;
  }

  std::string_view text_;
  std::string_view name_;
  std::size_t pos_ = 0;
};

std::uint64_t little_endian(std::string_view bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = bytes.size(); i-- > 0;) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

}  // namespace

NpyHeader parse_npy_header(std::string_view start, std::uint64_t file_size, std::string_view name) {
  const std::string where = printable(name);
  if (start.size() < magic.size() + 2 || start.substr(0, magic.size()) != magic)
    throw Error(fmt::format("{}: not a .npy file (it does not start with \\x93NUMPY)", where));
  const int major = static_cast<unsigned char>(start[magic.size()]);
  const int minor = static_cast<unsigned char>(start[magic.size() + 1]);
  if ((major < 1 || major > 3) || minor != 0)
    throw Error(fmt::format("{}: .npy format version {}.{} is not 1.0, 2.0 or 3.0", where, major, minor));
  const std::size_t length_bytes = major == 1 ? 2 : 4;
  const std::size_t prefix = magic.size() + 2 + length_bytes;
  if (start.size() < prefix) throw Error(fmt::format("{}: file ends inside the .npy header", where));
  const std::uint64_t header_size = little_endian(start.substr(prefix - length_bytes, length_bytes));
  if (header_size > npy_max_header_size)
    throw Error(fmt::format("{}: .npy header of {} bytes is over numpy's limit of {}", where, header_size,
                            npy_max_header_size));
  if (start.size() < prefix + header_size) throw Error(fmt::format("{}: file ends inside the .npy header", where));

  const HeaderDict dict = HeaderParser(start.substr(prefix, header_size), name).parse();
  if (!dict.descr || !dict.fortran_order || !dict.shape)
    throw Error(fmt::format("{}: .npy header lacks {}", where,
                            !dict.descr ? "'descr'" : !dict.fortran_order ? "'fortran_order'" : "'shape'"));
  NpyHeader h;
  const NpyDtype dtype = parse_npy_descr(*dict.descr, name);
  h.descr = dtype.descr;
  h.kind = dtype.kind;
  h.item_size = dtype.item_size;
  h.fortran_order = *dict.fortran_order;
  h.shape = *dict.shape;
  h.data_offset = prefix + header_size;

  // The size in bytes, checked for overflow dimension by dimension (zero dimensions aside,
  // so that a shape is refused or accepted whatever its zeros).
  std::int64_t product = static_cast<std::int64_t>(h.item_size);
  bool empty = false;
  for (const std::int64_t d : h.shape) {
    if (d == 0) empty = true;
    else if (__builtin_mul_overflow(product, d, &product))
      throw Error(fmt::format("{}: .npy shape {} of {} is over 2**63 bytes", where, shape_text(h.shape),
                              python_repr(h.descr)));
  }
  h.data_size = empty ? 0 : static_cast<std::uint64_t>(product);
  h.count = static_cast<std::int64_t>(h.data_size / h.item_size);
  if (h.data_offset > file_size || h.data_size > file_size - h.data_offset)
    throw Error(fmt::format("{}: file has {} bytes; its .npy header says {} ({} bytes of data for shape {} of {})",
                            where, file_size, h.data_offset + h.data_size, h.data_size, shape_text(h.shape),
                            python_repr(h.descr)));
  return h;
}

NpyHeader read_npy_header(const std::filesystem::path& file) {
  const std::string name = file.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(fmt::format("{}: cannot open: {}", printable(name), std::strerror(errno)));
  struct stat info {};
  std::string start;
  const int status = ::fstat(fd, &info);
  if (status == 0 && S_ISREG(info.st_mode)) {
    start.resize(static_cast<std::size_t>(
        std::min<std::uint64_t>(static_cast<std::uint64_t>(info.st_size), 12 + npy_max_header_size)));
    std::size_t done = 0;
    while (done < start.size()) {
      const ssize_t n = ::pread(fd, start.data() + done, start.size() - done, static_cast<off_t>(done));
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    start.resize(done);
  }
  const int error = errno;
  ::close(fd);
  if (status != 0) throw Error(fmt::format("{}: cannot read: {}", printable(name), std::strerror(error)));
  if (!S_ISREG(info.st_mode)) throw Error(fmt::format("{}: not a regular file", printable(name)));
  return parse_npy_header(start, static_cast<std::uint64_t>(info.st_size), name);
}

std::string npy_header_bytes(std::string_view descr, std::span<const std::int64_t> shape, bool fortran_order) {
  std::string dict = fmt::format("{{'descr': {}, 'fortran_order': {}, 'shape': {}, }}",
                                 python_repr(parse_npy_descr(descr, "").descr),
                                 fortran_order ? "True" : "False", shape_text(shape));
  if (!shape.empty()) {
    const std::size_t digits = std::to_string(fortran_order ? shape.back() : shape.front()).size();
    if (digits < growth_axis_digits) dict.append(growth_axis_digits - digits, ' ');
  }
  const auto wrap = [&](int major, std::size_t length_bytes) {
    const std::size_t unpadded = magic.size() + 2 + length_bytes + dict.size() + 1;
    const std::size_t header_size = dict.size() + 1 + alignment - unpadded % alignment;
    std::string out(magic);
    out += static_cast<char>(major);
    out += '\0';
    for (std::size_t i = 0; i < length_bytes; ++i) out += static_cast<char>((header_size >> (8 * i)) & 0xff);
    out += dict;
    out.append(header_size - dict.size() - 1, ' ');
    out += '\n';
    return out;
  };
  std::string version1 = wrap(1, 2);
  if (version1.size() - 10 <= 0xffff) return version1;
  return wrap(2, 4);
}

}  // namespace hpcpp::io
