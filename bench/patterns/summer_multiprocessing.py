# summer_multiprocessing.py: the same 10 calls in 10 processes. Usage: summer_multiprocessing.py [n]
import multiprocessing
import sys
import time

from summer import my_summer

if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000000
    begin = time.time()
    processes = []
    for i in range(10):
        p = multiprocessing.Process(target=my_summer, args=(0, n))
        processes.append(p)
        p.start()
    for p in processes:
        p.join()
    print("Elapsed:", time.time() - begin, "seconds")
