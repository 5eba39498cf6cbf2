// Prints numpy_str of each line of stdin (doubles as hex bit patterns, space-separated),
// its line breaks written as '|' (for the pytest that compares with numpy's own printing).
#include <bit>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "hpcpp/core/numpy_str.hpp"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::vector<double> values;
    for (std::string hex; words >> hex;) values.push_back(std::bit_cast<double>(std::stoull(hex, nullptr, 16)));
    std::string text = hpcpp::numpy_str(values);
    for (char& c : text)
      if (c == '\n') c = '|';
    std::cout << text << '\n';
  }
}
