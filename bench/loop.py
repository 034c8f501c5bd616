# A plain Python loop (compared with CPython).
N = 10000000
x = 0
for i in range(N):
    x = x + i
print(x)
