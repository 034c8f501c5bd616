# The same MLP with Dropout(0.2) and BatchNorm1d(64).
import torch
import torch.nn as nn
torch.set_num_threads(1)
N = 1000
torch.manual_seed(0)
x = torch.rand(200, 2) * 4 - 2
y = (x[:, :1] * x[:, 1:]).sin()
model = nn.Sequential(nn.Linear(2, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-4)
loss_fn = nn.MSELoss()
for step in range(N):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    if step == 49:
        early = loss.item()
print(f"loss after 50 steps {early:.5f}")
