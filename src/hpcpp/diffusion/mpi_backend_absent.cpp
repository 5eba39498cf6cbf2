// A build without MPI: the mpi backend is listed, and says why it cannot run.
#include "hpcpp/core/error.hpp"
#include "hpcpp/diffusion/backend.hpp"

namespace hpcpp::diffusion {

std::unique_ptr<Backend> make_mpi_backend(const Problem&, const BackendOptions&) {
  throw Error("diff2d --backend mpi: this hpcpp was built without MPI (install libopenmpi-dev and rebuild with HPCPP_WITH_MPI=ON)");
}

}  // namespace hpcpp::diffusion
