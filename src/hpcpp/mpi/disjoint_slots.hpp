#pragma once
// A reduction whose result does not depend on the number of ranks: the work is cut into
// fixed chunks, each chunk's partial result goes into its own slot, filled by exactly one
// rank and zero on all others. Adding zeros is exact (x + 0 == x), so MPI's element-wise
// sum of the slot vectors gives every rank the same bits, whatever order or tree MPI
// combines them in; the caller then combines the slots in chunk order.
#include <span>

namespace hpcpp::mpi {

// In place, on every rank (one MPI_Allreduce over the buffer); outside an MPI job the
// slots already are the result.
void combine_disjoint_slots(std::span<double> slots);

}  // namespace hpcpp::mpi
