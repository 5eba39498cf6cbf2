D = 0x1
x1 = -1_0.0
x2 = 0o12
runtime = 1.5e1 # comment
dx = (0.0667)
outtime=.5; graphics = True
