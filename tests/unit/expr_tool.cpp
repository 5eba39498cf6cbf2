// Evaluates many expressions in one process for the differential tests: the inputs are
// NAME=FILE.npy arguments, the expressions come one a line on stdin, and for each one
// stdout gets "ok DTYPE COUNT\n" and the raw result bytes, or "error MESSAGE\n".
#include <cstdio>
#include <deque>
#include <iostream>
#include <string>

#include "hpcpp/core/aligned_buffer.hpp"
#include "hpcpp/expr/expr.hpp"
#include "hpcpp/expr/npy_binding.hpp"

using namespace hpcpp::expr;

int main(int argc, char** argv) {
  std::deque<LoadedArray> files;
  Bindings inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    inputs[arg.substr(0, eq)] = files.emplace_back(load_npy(arg.substr(eq + 1))).view;
  }
  const Signature signature = signature_of(inputs);
  std::string line;
  while (std::getline(std::cin, line)) {
    try {
      const Program p = compile(line, signature);
      const auto shape = result_shape(p, inputs);
      std::int64_t count = 1;
      for (auto d : shape) count *= d;
      const std::size_t bytes = static_cast<std::size_t>(count) * dtype_size(p.result_dtype);
      hpcpp::AlignedBuffer<unsigned char> out(std::max<std::size_t>(bytes, 16));
      evaluate(p, inputs, ArrayRef::contiguous(out.data(), p.result_dtype, shape), {2});
      std::printf("ok %s %lld\n", std::string(dtype_name(p.result_dtype)).c_str(), static_cast<long long>(count));
      std::fwrite(out.data(), 1, bytes, stdout);
    } catch (const std::exception& e) {
      std::string message = e.what();
      for (char& c : message)
        if (c == '\n') c = ' ';
      std::printf("error %s\n", message.c_str());
    }
  }
  return 0;
}
