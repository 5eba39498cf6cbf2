D = 1.0
x1 = -10.0
x2 = 10.0
runtime = 1e999
dx = 007
outtime = 0b101
graphics = 1
