# Containers, registration rules, state dicts and their errors, deepcopy (PyTorch 2.15, CPU).
import copy
from collections import OrderedDict
import torch
import torch.nn as nn

torch.manual_seed(4)


class Block(nn.Module):
    def __init__(self, width, p=0.1):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(2)])
        self.heads = nn.ModuleDict({"clean": nn.Linear(width, 1), "noisy": nn.Linear(width, 1)})
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(1)) for _ in range(2)])
        self.drop = nn.Dropout(p)
        self.register_buffer("steps", torch.zeros(1))
        self.note = "plain attribute"

    def forward(self, x, head="clean"):
        for layer, scale in zip(self.layers, self.scales):
            x = torch.relu(layer(x)) * scale
        self.steps += 1
        return self.heads[head](self.drop(x))


block = Block(3)
print(block)
print([name for name, _ in block.named_parameters()])
print(list(block.state_dict().keys()))
print([name for name, _ in block.named_modules()])
x = torch.randn(2, 3)
print(block(x), block(x, head="noisy").shape, block.steps)
print(len(block.layers), block.heads["noisy"], "clean" in block.heads, list(block.heads.keys()))

seq = nn.Sequential(OrderedDict([("fc", nn.Linear(3, 4)), ("act", nn.ReLU())]))
seq.add_module("out", nn.Linear(4, 1))
seq.append(nn.Sigmoid())
print(seq)
print(seq.fc, seq[-1], len(seq), seq[0:2])
print([type(m).__name__ for m in seq])

twin = copy.deepcopy(block)
with torch.no_grad():
    twin.layers[0].weight.fill_(0.5)
print(block.layers[0].weight[0], twin.layers[0].weight[0], twin.note, twin.steps)

state = block.state_dict()
other = Block(3)
other.load_state_dict(state)
print(torch.equal(other.layers[1].weight, block.layers[1].weight))
del state["steps"]
state["extra.weight"] = torch.zeros(1)
try:
    other.load_state_dict(state)
except RuntimeError as error:
    print("RuntimeError:", error)
small = nn.Linear(2, 2)
try:
    small.load_state_dict({"weight": torch.zeros(3, 2), "bias": torch.zeros(2)})
except RuntimeError as error:
    print("RuntimeError:", error)
print(other.load_state_dict(state, strict=False))


class Forgetful(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(2, 2)


try:
    Forgetful()
except AttributeError as error:
    print("AttributeError:", error)


class Listy(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)

    def forward(self, x):
        return [self.fc(x)]


try:
    nn.MSELoss()(Listy()(torch.ones(1, 2)), torch.ones(1, 1))
except (TypeError, AttributeError):
    print("a list is not a tensor")
try:
    block.layers = 5
except TypeError as error:
    print("TypeError:", error)
try:
    block.scale = torch.ones(1)
    print(block.scale)
    block.scales[0] = 3
except TypeError as error:
    print("TypeError:", type(error).__name__)
try:
    nn.Module()(torch.ones(1))
except NotImplementedError as error:
    print("NotImplementedError:", error)

block.drop.p = 0.9
bn = nn.BatchNorm1d(3)
bn.momentum = 0.5
bn.eps = 1e-3
print(block.drop, bn)
block.eval()
print(block.training, block.layers[0].training, block.drop.training)
block.train()
print(block.drop.training, block.requires_grad_(False).layers[0].weight.requires_grad)
print(block.to("cpu") is block, block.float() is block, block.get_submodule("heads.clean"))
print(sum(p.numel() for p in block.parameters()), len(list(block.buffers())), len(list(block.children())))
block.zero_grad()
print(isinstance(block.layers, nn.ModuleList), isinstance(seq, nn.Module), type(block.scales[0]).__name__)
