// Reads commands from stdin, one a line, for the pytest that compares with numpy itself:
//   header DESCR C|F DIM...   prints the hex of npy_header_bytes
//   inspect PATH              prints what read_npy_header finds, or "error: MESSAGE"
#include <fmt/core.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "hpcpp/core/error.hpp"
#include "hpcpp/io/npy_header.hpp"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::string command, argument;
    words >> command >> argument;
    if (command == "header") {
      std::string order;
      words >> order;
      std::vector<std::int64_t> shape;
      for (std::int64_t d; words >> d;) shape.push_back(d);
      std::string hex;
      for (unsigned char c : hpcpp::io::npy_header_bytes(argument, shape, order == "F")) hex += fmt::format("{:02x}", c);
      std::cout << hex << '\n';
    } else if (command == "inspect") {
      try {
        const auto h = hpcpp::io::read_npy_header(argument);
        std::cout << fmt::format("{} {} {} {} {} {} {}", h.descr, h.kind, h.item_size, h.fortran_order ? "F" : "C",
                                 h.data_offset, h.data_size, h.count);
        for (auto d : h.shape) std::cout << ' ' << d;
        std::cout << '\n';
      } catch (const hpcpp::Error& e) {
        std::cout << "error: " << e.what() << '\n';
      }
    }
  }
}
