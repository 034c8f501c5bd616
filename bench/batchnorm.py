# BatchNorm1d(64) on 256×64, forward and backward.
import torch
import torch.nn as nn
torch.set_num_threads(1)
N = 5000
torch.manual_seed(0)
bn = nn.BatchNorm1d(64)
x = torch.randn(256, 64, requires_grad=True)
for i in range(N):
    bn(x).sum().backward()
print(x.grad.shape)
