# 64×64 @ 64×64, many times.
import torch
torch.set_num_threads(1)
N = 200000
torch.manual_seed(0)
a = torch.randn(64, 64)
b = torch.randn(64, 64)
for i in range(N):
    c = a @ b
print(c.shape)
