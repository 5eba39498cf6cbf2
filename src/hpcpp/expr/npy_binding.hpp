#pragma once
// .npy files as expression inputs and outputs.
#include <filesystem>

#include "hpcpp/expr/array_ref.hpp"
#include "hpcpp/io/npy.hpp"

namespace hpcpp::expr {

// An array read from a file, and a view of it that stays valid while this lives.
struct LoadedArray {
  io::NpyArray file;
  ArrayRef view;
};

// Throws hpcpp::Error naming the file for a type the engine does not have.
LoadedArray load_npy(const std::filesystem::path& path);
// Writes a C-contiguous array, atomically.
void save_npy(const std::filesystem::path& path, const ArrayRef& array);
// One element as Python prints it: 1.5, -3, True, (1+2j).
std::string element_text(const void* element, DType dtype);

}  // namespace hpcpp::expr
