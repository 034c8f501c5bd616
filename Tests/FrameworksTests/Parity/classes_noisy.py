# A noisy linear layer that subclasses nn.Linear (PyTorch 2.15, CPU).
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(2)


class NoisyLinear(nn.Linear):
    def __init__(self, in_features, out_features, sigma_init=0.017, bias=True):
        super().__init__(in_features, out_features, bias=bias)
        self.sigma_weight = nn.Parameter(torch.full((out_features, in_features), sigma_init))
        self.register_buffer("epsilon_weight", torch.zeros(out_features, in_features))
        if bias:
            self.sigma_bias = nn.Parameter(torch.full((out_features,), sigma_init))
            self.register_buffer("epsilon_bias", torch.zeros(out_features))
        self.reset_parameters_extra()

    def reset_parameters_extra(self):
        std = math.sqrt(3 / self.in_features)
        self.weight.data.uniform_(-std, std)
        self.bias.data.uniform_(-std, std)

    def forward(self, input):
        self.epsilon_weight.normal_()
        bias = self.bias
        if bias is not None:
            self.epsilon_bias.normal_()
            bias = bias + self.sigma_bias * self.epsilon_bias
        return F.linear(input, self.weight + self.sigma_weight * self.epsilon_weight, bias)


layer = NoisyLinear(3, 2)
print(layer)
for name, p in layer.named_parameters():
    print(name, tuple(p.shape))
for name, b in layer.named_buffers():
    print(name, tuple(b.shape))
print(list(layer.state_dict().keys()))
x = torch.ones(1, 3)
print(layer(x))
print(layer(x))
print(layer.epsilon_bias)
print(isinstance(layer, nn.Linear), layer.in_features, layer.out_features)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.noisy1 = NoisyLinear(3, 4)
        self.noisy2 = NoisyLinear(4, 1)

    def forward(self, x):
        return self.noisy2(F.relu(self.noisy1(x)))


net = Net()
print(net)
print(net(torch.tensor([[0.5, -1.0, 2.0]])))
print(sum(p.numel() for p in net.parameters()), sum(b.numel() for b in net.buffers()))
