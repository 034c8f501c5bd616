# Layer initialisation, losses and optimizers over a few steps, as PyTorch computes them.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
torch.manual_seed(1)
x = torch.randn(16, 3)
y = (x[:, 0] - x[:, 1] > 0).long()
model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2))
print(model[0].weight)
print(model[2].bias)
for name, make in [("sgd", lambda p: optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)),
                   ("adam", lambda p: optim.Adam(p, lr=0.01, weight_decay=0.01)),
                   ("adamw", lambda p: optim.AdamW(p, lr=0.01))]:
    torch.manual_seed(2)
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    opt = make(net.parameters())
    losses = []
    for step in range(5):
        opt.zero_grad()
        loss = F.cross_entropy(net(x), y, label_smoothing=0.1)
        loss.backward()
        opt.step()
        losses.append(round(loss.item(), 6))
    print(name, losses)
    print(net[2].weight)
target = torch.rand(16, 1)
pred = torch.rand(16, 1)
print(nn.MSELoss()(pred, target), F.l1_loss(pred, target), F.binary_cross_entropy(pred, target))
print(F.binary_cross_entropy_with_logits(pred, target), nn.CrossEntropyLoss()(torch.randn(4, 3), torch.tensor([0, 2, 1, 2])))
sd = model.state_dict()
print(list(sd.keys()), sd["0.bias"])
