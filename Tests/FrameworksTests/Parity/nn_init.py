# torch.nn.init on a layer and on a class model with apply (PyTorch 2.15, CPU).
import torch
import torch.nn as nn
torch.manual_seed(0)
layer = nn.Linear(4, 3)
nn.init.xavier_uniform_(layer.weight)
print(layer.weight)
nn.init.zeros_(layer.bias)
print(layer.bias)
nn.init.kaiming_normal_(layer.weight, mode='fan_out', nonlinearity='relu')
print(layer.weight)
nn.init.kaiming_uniform_(layer.weight, nonlinearity='relu')
print(layer.weight)
nn.init.xavier_normal_(layer.weight, gain=nn.init.calculate_gain('tanh'))
print(layer.weight)
w = torch.empty(5, 4)
nn.init.normal_(w, mean=0.0, std=0.02)
print(w)
nn.init.uniform_(w, -0.1, 0.1)
print(w)
nn.init.constant_(w, 0.5)
print(w.sum())
print(nn.init.calculate_gain('leaky_relu', 0.2), nn.init.calculate_gain('relu'))

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 5)
        self.fc2 = nn.Linear(5, 2)
        self.apply(self._init)

    def _init(self, m):
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            nn.init.constant_(m.bias, 0.01)

net = Net()
print(net.fc1.weight, net.fc2.bias)
big = torch.empty(4, 8)
nn.init.normal_(big)
print(big[0])
