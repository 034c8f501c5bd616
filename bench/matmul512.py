# 512×512 @ 512×512.
import torch
torch.set_num_threads(1)
N = 600
torch.manual_seed(0)
a = torch.randn(512, 512)
b = torch.randn(512, 512)
for i in range(N):
    c = a @ b
print(c.shape)
