# summer_serial.py: 10 calls of my_summer(0, n), one after another. Usage: summer_serial.py [n]
import sys
import time

from summer import my_summer

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000000
begin = time.time()
for i in range(10):
    my_summer(0, n)
print("Elapsed:", time.time() - begin, "seconds")
