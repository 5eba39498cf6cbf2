"""The lecture's rightrank in mpi4py: each rank sends its rank to the left, receives from
the right (one pickled sendrecv)."""
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()
right = comm.sendrecv(rank, dest=(rank + size - 1) % size, source=(rank + 1) % size)
print(f"I am rank {rank} ; my right neighbour is {right}")
