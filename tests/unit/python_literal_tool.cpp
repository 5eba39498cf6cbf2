// Prints how parse_python_number reads each line of stdin: "int REPR", "float REPR" or
// "reject" (for the pytest that compares with CPython's ast.literal_eval).
#include <iostream>
#include <string>

#include "hpcpp/core/float_repr.hpp"
#include "hpcpp/params/python_literal.hpp"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    const auto number = hpcpp::params::parse_python_number(line);
    if (!number) std::cout << "reject\n";
    else std::cout << (number->is_int ? "int " : "float ") << hpcpp::python_float_repr(number->value) << '\n';
  }
}
