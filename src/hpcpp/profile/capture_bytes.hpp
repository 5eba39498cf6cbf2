#pragma once
// A capture as bytes and back, to move each MPI rank's capture to rank 0 for one report.
#include <string>
#include <string_view>

#include "hpcpp/profile/capture.hpp"

namespace hpcpp::profile {

std::string capture_to_bytes(const Capture& capture);
// Throws hpcpp::Error on bytes that capture_to_bytes did not write.
Capture capture_from_bytes(std::string_view bytes);

}  // namespace hpcpp::profile
