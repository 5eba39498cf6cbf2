# auc_multiprocessing.py: the pure-Python loop split over a Pool of processes; every point
# counted (ranges [k*N/W, (k+1)*N/W)). Usage: auc_multiprocessing.py N [workers]
import multiprocessing
import sys


def partial_area(args):
    begin, end, dx = args
    a = 0.0
    for i in range(begin, end):
        x = i * dx
        a += (0.7 * x**3 - 2 * x**2 + 4) * dx
    return a


if __name__ == "__main__":
    ntot = int(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else multiprocessing.cpu_count()
    dx = 3.0 / ntot
    ranges = [(k * ntot // workers, (k + 1) * ntot // workers, dx) for k in range(workers)]
    with multiprocessing.Pool(workers) as pool:
        print("The area is", sum(pool.map(partial_area, ranges)))
