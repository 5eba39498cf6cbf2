# summer.py - used in all summer*.py (the lecture's, in Python 3)
def my_summer(start, stop):
    tot = 0
    for i in range(start, stop):
        tot += i
    return tot
