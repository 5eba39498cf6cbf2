# auc_serial.py: the lecture's auc.py without MPI, x_i = i*dx. Usage: auc_serial.py N
import sys

ntot = int(sys.argv[1])
dx = 3.0 / ntot
a = 0.0
for i in range(ntot):
    x = i * dx
    y = 0.7 * x**3 - 2 * x**2 + 4
    a += y * dx
print("The area is", a)
