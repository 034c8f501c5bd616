# A model with two BatchNorm1d layers, written as a class (PyTorch 2.15, CPU).
import torch
import torch.nn as nn

torch.manual_seed(1)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Linear(4, 8)
        self.bn1 = nn.BatchNorm1d(8)
        self.layer2 = nn.Linear(8, 8)
        self.bn2 = nn.BatchNorm1d(8, momentum=0.5)
        self.out = nn.Linear(8, 2)

    def forward(self, x):
        x = torch.relu(self.bn1(self.layer1(x)))
        x = torch.relu(self.bn2(self.layer2(x)))
        return self.out(x)


model = Model()
print(model)
x = torch.randn(16, 4)
target = torch.randint(0, 2, (16,))
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for step in range(5):
    opt.zero_grad()
    loss = loss_fn(model(x), target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
print(model.bn1.running_mean)
print(model.bn2.running_var)
print(model.bn1.num_batches_tracked)
print(list(model.state_dict().keys()))
model.eval()
print(model(x[:3]))
print(len(list(model.buffers())), len(list(model.parameters())))
model.bn2.momentum = 0.1
print(model.bn2)
