#pragma once
// A restartable snapshot of a run: the step reached, the simulated time, the field, and
// the quantities that must match for a restart to continue the same computation.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string_view>

#include "hpcpp/diffusion/field.hpp"
#include "hpcpp/diffusion/problem.hpp"

namespace hpcpp::diffusion {

struct Checkpoint {
  std::int64_t step = 0;
  double simtime = 0;
  Field field;
};

// Written under a temporary name and renamed: a killed run leaves the previous checkpoint.
void write_checkpoint(const std::filesystem::path& file, const Problem& problem, std::int64_t step, double simtime,
                      const Field& field);
// Throws hpcpp::Error if the file is damaged or belongs to a different problem.
Checkpoint read_checkpoint(const std::filesystem::path& file, const Problem& problem);
// The same from a seekable stream; `file_name` names it in errors.
Checkpoint read_checkpoint(std::istream& in, std::string_view file_name, const Problem& problem);

}  // namespace hpcpp::diffusion
