# Regularization techniques under PyTorch's and Keras's names. The .out file is what torch 2.15
# and keras 3.15 (KERAS_BACKEND=torch) printed: KERAS_BACKEND=torch python regularization.py
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import clip_grad_norm_
from keras import regularizers
from keras import constraints

# Dropout: masks after a seed, inverted scaling, eval mode.
torch.manual_seed(0)
drop = nn.Dropout(p=0.4)
print(drop)
x = torch.arange(1., 11.)
print(drop(x))
drop.eval()
print(drop(x))
print(F.dropout(x, p=0.5, training=False))
torch.manual_seed(3)
print(F.dropout(torch.ones(3, 5), 0.2))
torch.manual_seed(7)
print(nn.Dropout2d(0.5)(torch.ones(2, 4, 1, 2)))
print(F.dropout(x, p=0.0))
print(F.dropout(x, p=1.0))

# Batch norm: forward, backward, running statistics, eval mode.
bn = nn.BatchNorm1d(2)
print(bn)
xb = torch.tensor([[1., 2.], [3., 4.], [5., 8.], [7., 6.]], requires_grad=True)
yb = bn(xb)
print(yb)
(yb * torch.tensor([[1., -2.], [0.5, 3.], [2., 1.], [-1., 0.25]])).sum().backward()
print(xb.grad)
print(bn.weight.grad, bn.bias.grad)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
print(list(bn.state_dict().keys()))
bn(torch.tensor([[0.5, 1.], [2., -1.], [3., 0.]]))
bn.eval()
print(bn(torch.tensor([[1., 2.], [3., 4.]])))
cumulative = nn.BatchNorm1d(2, momentum=None, affine=False)
print(cumulative)
cumulative(torch.tensor([[1., 2.], [3., 4.]]))
cumulative(torch.tensor([[5., 0.], [9., 2.], [1., 1.]]))
print(cumulative.running_mean, cumulative.running_var)
torch.manual_seed(0)
bn2 = nn.BatchNorm2d(3)
images = torch.randn(2, 3, 2, 2)
out = bn2(images)
print(out[1])
print(out.var(dim=(0, 2, 3), unbiased=False))
print(bn2.running_var)
ln = nn.LayerNorm(3)
print(ln, ln(torch.tensor([[1., 2., 4.], [0., -1., 5.]])))

# Clipping and renorm.
a = torch.tensor([1., 2.], requires_grad=True)
b = torch.tensor([3.], requires_grad=True)
((a * torch.tensor([3., 4.])).sum() + 12 * b.sum()).backward()
total = clip_grad_norm_([a, b], max_norm=5.0)
print(total, a.grad, b.grad)
nn.utils.clip_grad_value_([a, b], clip_value=1.0)
print(a.grad, b.grad)
w = torch.tensor([[1., 2., 3.], [4., 5., 6.], [0.1, 0.2, 0.3]])
print(torch.renorm(w, p=2, dim=0, maxnorm=5.0))

# Keras penalties and constraints.
k = torch.tensor([[1., -2., 3.], [4., 5., -6.]])
print(regularizers.l1(0.01)(k), regularizers.l2(0.01)(k), regularizers.l1_l2(l1=0.01, l2=0.02)(k))
print(regularizers.L1L2().get_config())
print(constraints.MaxNorm(2)(k))
print(constraints.max_norm(5, axis=1)(k))
print(constraints.UnitNorm()(k))
print(constraints.NonNeg()(k))
print(constraints.MinMaxNorm(min_value=1.0, max_value=3.0, rate=0.5)(k))
