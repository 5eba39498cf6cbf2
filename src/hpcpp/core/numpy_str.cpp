#include "hpcpp/core/numpy_str.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

#include "hpcpp/core/float_repr.hpp"

namespace hpcpp {
namespace {

constexpr int precision = 8;  // numpy's default: digits after the point at most
constexpr std::size_t line_width = 75;
constexpr std::int64_t summary_threshold = 1000;
constexpr std::int64_t edge_items = 3;

template <class T>
std::string chars(T v, std::chars_format format, std::optional<int> digits = std::nullopt) {
  char buffer[400];
  const auto result = digits ? std::to_chars(buffer, buffer + sizeof buffer, v, format, *digits)
                             : std::to_chars(buffer, buffer + sizeof buffer, v, format);
  return std::string(buffer, result.ptr);
}

// A finite value as mantissa text ("-1.5", "3.") and, in scientific form, exponent.
struct Number {
  std::string whole;     // before the point, with the sign
  std::string fraction;  // after the point
  int exponent = 0;
};

// The shortest digits that read back as `v` (as a T), rounded to `precision` digits after
// the point when they need more; trailing zeros dropped. `plus`: "+" before non-negatives.
template <class T>
Number shortest(T v, bool scientific, bool plus) {
  const auto format = scientific ? std::chars_format::scientific : std::chars_format::fixed;
  std::string text = chars(v, format);
  std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  const std::size_t point = mantissa.find('.');
  if (point != std::string::npos && mantissa.size() - point - 1 > precision) {
    text = chars(v, format, precision);
    e = text.find('e');
    mantissa = text.substr(0, e);
  }
  Number n;
  if (e != std::string::npos) n.exponent = std::stoi(text.substr(e + 1));
  const std::size_t dot = mantissa.find('.');
  n.whole = plus && !std::signbit(v) ? "+" : "";
  n.whole.append(mantissa, 0, dot);
  if (dot != std::string::npos) n.fraction = mantissa.substr(dot + 1);
  while (!n.fraction.empty() && n.fraction.back() == '0') n.fraction.pop_back();
  return n;
}

std::string exponent_text(int exponent, std::size_t digits) {
  std::string magnitude = std::to_string(std::abs(exponent));
  if (magnitude.size() < digits) magnitude.insert(0, digits - magnitude.size(), '0');
  std::string text = exponent < 0 ? "e-" : "e+";
  return text.append(magnitude);
}

std::string right_aligned(const std::string& text, std::size_t width) {
  return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

// numpy's FloatingFormat: one form and one set of widths for all the values shown.
template <class T>
class FloatFormat {
 public:
  FloatFormat(const std::vector<T>& values, bool plus) : plus_(plus) {
    T smallest = std::numeric_limits<T>::infinity(), largest = 0;
    bool any_finite = false, negative_inf = plus, any_non_finite = false;
    for (T v : values) {
      if (!std::isfinite(v)) {
        any_non_finite = true;
        negative_inf = negative_inf || v < 0;
        continue;
      }
      any_finite = true;
      if (v == 0) continue;
      smallest = std::min(smallest, std::fabs(v));
      largest = std::max(largest, std::fabs(v));
    }
    // The ratio in T, as numpy divides two scalars of the array's type.
    if (largest > 0) scientific_ = largest >= 1e8 || smallest < 1e-4 || T(largest / smallest) > 1000.0;
    if (any_finite) {
      for (T v : values) {
        if (!std::isfinite(v)) continue;
        const Number n = shortest(v, scientific_, plus_);
        pad_left_ = std::max(pad_left_, n.whole.size());
        fraction_digits_ = std::max(fraction_digits_, n.fraction.size());
        exponent_digits_ = std::max({exponent_digits_, std::size_t{2}, std::to_string(std::abs(n.exponent)).size()});
      }
      pad_right_ = scientific_ ? fraction_digits_ + 2 + exponent_digits_ : fraction_digits_;
    }
    if (any_non_finite) {
      const std::size_t after = pad_right_ + 1;  // the point too
      const std::size_t inf_width = negative_inf ? 4 : 3;
      pad_left_ = std::max({pad_left_, 3 > after ? 3 - after : 0, inf_width > after ? inf_width - after : 0});
    }
  }

  std::string operator()(T v) const {
    if (!std::isfinite(v)) {
      const std::string sign = std::isnan(v) ? (plus_ ? "+" : "") : v < 0 ? "-" : plus_ ? "+" : "";
      return right_aligned(sign + (std::isnan(v) ? "nan" : "inf"), pad_left_ + pad_right_ + 1);
    }
    const std::string sign = plus_ && !std::signbit(v) ? "+" : "";
    if (scientific_) {
      // Every value shows the same number of digits: more of its exact value where its
      // shortest form has fewer (zeros, except for subnormals: 5e-324 is 4.94065646e-324).
      const int digits = static_cast<int>(fraction_digits_);
      const std::string text = chars(v, std::chars_format::scientific, digits);
      const std::size_t e = text.find('e');
      const std::string mantissa = sign + text.substr(0, e) + (digits == 0 ? "." : "");
      return right_aligned(mantissa, pad_left_ + mantissa.size() - mantissa.find('.')) +
             exponent_text(std::stoi(text.substr(e + 1)), exponent_digits_);
    }
    const Number n = shortest(v, false, plus_);
    return right_aligned(n.whole, pad_left_) + '.' + n.fraction + std::string(pad_right_ - n.fraction.size(), ' ');
  }

 private:
  bool plus_;
  bool scientific_ = false;
  std::size_t pad_left_ = 0;   // characters before the point
  std::size_t pad_right_ = 0;  // characters after it (with the exponent in scientific form)
  std::size_t fraction_digits_ = 0;
  std::size_t exponent_digits_ = 0;
};

// numpy's ComplexFloatingFormat: the real parts laid out as one float array, the imaginary
// parts as another with their signs, "j" before the imaginary part's padding.
class ComplexFormat {
 public:
  explicit ComplexFormat(const std::vector<std::complex<double>>& values)
      : real_(parts(values, [](auto v) { return v.real(); }), false),
        imag_(parts(values, [](auto v) { return v.imag(); }), true) {}

  std::string operator()(std::complex<double> v) const {
    const std::string imag = imag_(v.imag());
    const std::size_t end = imag.find_last_not_of(' ') + 1;
    std::string out = real_(v.real());
    return out.append(imag, 0, end).append("j").append(imag, end);
  }

 private:
  template <class Part>
  static std::vector<double> parts(const std::vector<std::complex<double>>& values, Part part) {
    std::vector<double> out;
    for (auto v : values) out.push_back(part(v));
    return out;
  }
  FloatFormat<double> real_, imag_;
};

// Python's repr of a bytes object, after numpy drops the NULs that pad it.
std::string bytes_repr(std::string_view bytes) {
  while (!bytes.empty() && bytes.back() == '\0') bytes.remove_suffix(1);
  const bool double_quoted = bytes.find('\'') != std::string_view::npos && bytes.find('"') == std::string_view::npos;
  const char quote = double_quoted ? '"' : '\'';
  std::string out = "b";
  out += quote;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') out += '\\', out += c;
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (byte < 0x20 || byte >= 0x7f) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    } else out += c;
  }
  out += quote;
  return out;
}

// Python's repr of a complex: parts without a ".0", the real part left out when it is +0.
std::string complex_repr(std::complex<double> v) {
  auto part = [](double x) {
    std::string text = python_float_repr(x);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text;
  };
  const std::string imag = part(v.imag()) + "j";
  if (v.real() == 0 && !std::signbit(v.real())) return imag;
  std::string out = "(";
  return out.append(part(v.real())).append(imag[0] == '-' ? "" : "+").append(imag).append(")");
}

// str() of numpy's scalar of each type: what a 0-d array prints.
std::string scalar_str(double v) { return python_float_repr(v); }
std::string scalar_str(float v) { return float32_repr(v); }
std::string scalar_str(std::int64_t v) { return std::to_string(v); }
std::string scalar_str(std::int32_t v) { return std::to_string(v); }
std::string scalar_str(bool v) { return v ? "True" : "False"; }
std::string scalar_str(std::complex<double> v) { return complex_repr(v); }

using ElementText = std::function<std::string(std::int64_t)>;

// numpy's _formatArray: the brackets, separators, wrapping and summary of an n-D array
// whose elements (by flat C-order index) are already formatted.
class ArrayLayout {
 public:
  explicit ArrayLayout(NumpyShape shape) : shape_(shape.begin(), shape.end()), stride_(shape.size(), 1) {
    std::int64_t size = 1;
    for (auto d : shape_) size *= d;
    summarized_ = size > summary_threshold;
    for (std::size_t axis = shape_.size(); axis-- > 1;) stride_[axis - 1] = stride_[axis] * shape_[axis];
  }

  // The flat indices of the elements shown, in order: those the format is computed from.
  std::vector<std::int64_t> shown() const {
    std::vector<std::int64_t> out;
    collect(0, 0, out);
    return out;
  }

  std::string text(const ElementText& element) const { return block(0, 0, " ", line_width, element); }

 private:
  std::vector<std::int64_t> shown_along(std::size_t axis) const {
    const std::int64_t n = shape_[axis];
    std::vector<std::int64_t> out;
    for (std::int64_t i = 0; i < n; ++i)
      if (!summarized_ || n <= 2 * edge_items || i < edge_items || i >= n - edge_items) out.push_back(i);
    return out;
  }

  void collect(std::size_t axis, std::int64_t offset, std::vector<std::int64_t>& out) const {
    for (auto i : shown_along(axis)) {
      if (axis + 1 == shape_.size()) out.push_back(offset + i);
      else collect(axis + 1, offset + i * stride_[axis], out);
    }
  }

  // Appends `word` to the current line, first starting a new one under `hanging` when it
  // would pass `width` (unless the line holds nothing yet).
  static void extend_line(std::string& out, std::string& line, const std::string& word, std::size_t width,
                          const std::string& hanging) {
    if (line.size() + word.size() > width && line.size() > hanging.size()) {
      line.erase(line.find_last_not_of(' ') + 1);
      out += line;
      out += '\n';
      line = hanging;
    }
    line += word;
  }

  std::string block(std::size_t axis, std::int64_t offset, const std::string& hanging, std::size_t width,
                    const ElementText& element) const {
    const std::vector<std::int64_t> indices = shown_along(axis);
    const bool summary = static_cast<std::int64_t>(indices.size()) < shape_[axis];
    std::string out;
    if (axis + 1 == shape_.size()) {
      const std::size_t element_width = width - 1;  // room for "]"
      std::string line = hanging;
      for (std::size_t k = 0; k < indices.size(); ++k) {
        if (summary && k == edge_items) {
          extend_line(out, line, "...", element_width, hanging);
          line += ' ';
        }
        extend_line(out, line, element(offset + indices[k]), element_width, hanging);
        if (k + 1 < indices.size()) line += ' ';
      }
      out += line;
    } else {
      const std::string between(shape_.size() - axis - 1, '\n');
      for (std::size_t k = 0; k < indices.size(); ++k) {
        if (summary && k == edge_items) out.append(hanging).append("...").append(between);
        out.append(hanging).append(block(axis + 1, offset + indices[k] * stride_[axis], hanging + ' ', width - 1, element));
        if (k + 1 < indices.size()) out += between;
      }
    }
    std::string bracketed = "[";
    return bracketed.append(out, hanging.size()).append("]");
  }

  std::vector<std::int64_t> shape_, stride_;
  bool summarized_ = false;
};

std::int64_t size_of(NumpyShape shape) {
  std::int64_t size = 1;
  for (auto d : shape) size *= d;
  return size;
}

// `make_text(shown)` gives the text of an element from the flat indices of those shown.
template <class MakeText>
std::string array_str(NumpyShape shape, MakeText&& make_text) {
  if (size_of(shape) == 0) return "[]";
  const ArrayLayout layout(shape);
  return layout.text(make_text(layout.shown()));
}

template <class T>
std::vector<T> gather(std::span<const T> values, const std::vector<std::int64_t>& indices) {
  std::vector<T> out;
  out.reserve(indices.size());
  for (auto i : indices) out.push_back(values[static_cast<std::size_t>(i)]);
  return out;
}

template <class T>
std::string typed_str(std::span<const T> values, NumpyShape shape) {
  if (shape.empty()) return scalar_str(values[0]);
  return array_str(shape, [&](const std::vector<std::int64_t>& shown) -> ElementText {
    if constexpr (std::is_same_v<T, bool>) {
      return [values](std::int64_t i) -> std::string { return values[static_cast<std::size_t>(i)] ? " True" : "False"; };
    } else if constexpr (std::is_integral_v<T>) {
      std::size_t width = 0;
      for (T v : gather(values, shown)) width = std::max(width, std::to_string(v).size());
      return [values, width](std::int64_t i) { return right_aligned(std::to_string(values[static_cast<std::size_t>(i)]), width); };
    } else if constexpr (std::is_same_v<T, std::complex<double>>) {
      return [values, format = ComplexFormat(gather(values, shown))](std::int64_t i) {
        return format(values[static_cast<std::size_t>(i)]);
      };
    } else {
      return [values, format = FloatFormat<T>(gather(values, shown), false)](std::int64_t i) {
        return format(values[static_cast<std::size_t>(i)]);
      };
    }
  });
}

}  // namespace

std::string numpy_str(std::span<const double> values, NumpyShape shape) { return typed_str(values, shape); }
std::string numpy_str(std::span<const float> values, NumpyShape shape) { return typed_str(values, shape); }
std::string numpy_str(std::span<const std::int64_t> values, NumpyShape shape) { return typed_str(values, shape); }
std::string numpy_str(std::span<const std::int32_t> values, NumpyShape shape) { return typed_str(values, shape); }
std::string numpy_str(std::span<const bool> values, NumpyShape shape) { return typed_str(values, shape); }
std::string numpy_str(std::span<const std::complex<double>> values, NumpyShape shape) { return typed_str(values, shape); }

std::string numpy_bytes_str(std::string_view bytes, std::int64_t item_size, NumpyShape shape) {
  const auto item = [bytes, item_size](std::int64_t i) {
    return bytes_repr(bytes.substr(static_cast<std::size_t>(i * item_size), static_cast<std::size_t>(item_size)));
  };
  if (shape.empty()) return item(0);
  return array_str(shape, [&](const std::vector<std::int64_t>&) -> ElementText { return item; });
}

std::string numpy_str(std::span<const double> values) {
  const std::int64_t shape[] = {static_cast<std::int64_t>(values.size())};
  return numpy_str(values, shape);
}

}  // namespace hpcpp
