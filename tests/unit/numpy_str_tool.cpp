// Prints numpy_str of each line of stdin, its line breaks written as '|' (for the pytest
// that compares with numpy's own printing). A line is "DTYPE SHAPE VALUE...": DTYPE one of
// f8 f4 i8 i4 b1 c16 S<n>; SHAPE the lengths joined by ',' or "scalar"; each VALUE the
// element's bytes (little-endian) in hex.
#include <cstdint>
#include <cstring>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "hpcpp/core/numpy_str.hpp"

namespace {

std::vector<std::int64_t> parse_shape(const std::string& text) {
  std::vector<std::int64_t> shape;
  if (text == "scalar") return shape;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) shape.push_back(std::stoll(part));
  return shape;
}

std::string unhex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

template <class T>
std::string typed(const std::string& bytes, const std::vector<std::int64_t>& shape) {
  const std::size_t count = bytes.size() / sizeof(T);
  const auto values = std::make_unique<T[]>(count);  // not a vector: vector<bool> has no data()
  std::memcpy(static_cast<void*>(values.get()), bytes.data(), count * sizeof(T));
  return hpcpp::numpy_str(std::span<const T>(values.get(), count), shape);
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::string dtype, shape_text, bytes;
    words >> dtype >> shape_text;
    const auto shape = parse_shape(shape_text);
    for (std::string hex; words >> hex;) bytes += unhex(hex);
    std::string text;
    if (dtype == "f8") text = typed<double>(bytes, shape);
    else if (dtype == "f4") text = typed<float>(bytes, shape);
    else if (dtype == "i8") text = typed<std::int64_t>(bytes, shape);
    else if (dtype == "i4") text = typed<std::int32_t>(bytes, shape);
    else if (dtype == "b1") text = typed<bool>(bytes, shape);
    else if (dtype == "c16") text = typed<std::complex<double>>(bytes, shape);
    else if (dtype[0] == 'S') text = hpcpp::numpy_bytes_str(bytes, std::stoll(dtype.substr(1)), shape);
    else return std::cerr << "unknown dtype " << dtype << '\n', 2;
    for (char& c : text)
      if (c == '\n') c = '|';
    std::cout << text << '\n';
  }
}
