D = 1.0; x1 = -10.0; x2 = 10.0
runtime = 15.0
dx = 0.0667
outime = 0.5
graphics = [2J
import os
