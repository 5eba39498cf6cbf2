# the lecture values, as diff2dparams.py sets them
D = 1.0
x1 = -10.0
x2 = 10.0
runtime = 15.0
dx = 0.0667
outtime = 0.5
graphics = False
