# Tiny tensor ops, where per-op overhead is everything.
import torch
torch.set_num_threads(1)
N = 300000
x = torch.ones(4)
for i in range(N):
    y = x * 2 + 1
print(y)
