# summer_threaded.py: the same 10 calls in 10 threads. Usage: summer_threaded.py [n]
import sys
import threading
import time

from summer import my_summer

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000000
begin = time.time()
threads = []
for i in range(10):
    t = threading.Thread(target=my_summer, args=(0, n))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
print("Elapsed:", time.time() - begin, "seconds")
