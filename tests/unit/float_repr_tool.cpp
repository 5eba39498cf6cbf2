#include <bit>
#include <cstdint>
#include <iostream>
#include <string>

#include "hpcpp/core/float_repr.hpp"

int main() {
  std::string hex;
  while (std::cin >> hex) std::cout << hpcpp::python_float_repr(std::bit_cast<double>(std::stoull(hex, nullptr, 16))) << '\n';
}
