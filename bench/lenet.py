# A LeNet-sized CNN: batch 64 of 1×28×28, conv 3×3×8, pool, conv 3×3×16, pool, linear; forward + backward.
import torch
import torch.nn as nn
torch.set_num_threads(1)
N = 100
torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * 5 * 5, 10))
x = torch.randn(64, 1, 28, 28)
labels = torch.randint(0, 10, (64,))
loss_fn = nn.CrossEntropyLoss()
for i in range(N):
    model.zero_grad()
    loss_fn(model(x), labels).backward()
print(model[0].weight.grad.shape)
