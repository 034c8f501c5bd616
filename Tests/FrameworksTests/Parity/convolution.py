# Convolutions and pooling: values and gradients for strides, paddings, dilations and groups.
# Recorded with PyTorch 2.15 on the CPU: python convolution.py > convolution.out
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
conv = nn.Conv2d(2, 4, kernel_size=3, padding=1)
print(conv)
print(conv.weight[0, 0])
print(conv.bias)
x = torch.randn(2, 2, 5, 5, requires_grad=True)
y = conv(x)
print(y.shape)
print(y[1, 2])
(y ** 2).sum().backward()
print(x.grad[0, 1])
print(conv.weight.grad[3, 1])
print(conv.bias.grad)

g = nn.Conv2d(4, 6, kernel_size=(2, 3), stride=(2, 1), padding=(1, 0), dilation=(1, 2), groups=2, bias=False)
print(g)
z = torch.randn(1, 4, 6, 7, requires_grad=True)
out = g(z)
print(out.shape)
print(out[0, 5])
out.sum().backward()
print(z.grad[0, 3])
print(g.weight.grad[4])

same = nn.Conv2d(1, 1, kernel_size=4, padding='same')
print(same(torch.ones(1, 1, 5, 5)).shape)
print(nn.Conv2d(1, 2, 3, padding=1, padding_mode='reflect')(torch.arange(16.).reshape(1, 1, 4, 4))[0, 1])

c1 = nn.Conv1d(2, 3, kernel_size=3, stride=2, padding=1)
print(c1)
s = torch.randn(2, 2, 9, requires_grad=True)
r = c1(s)
print(r.shape)
print(r[1])
r.sum().backward()
print(s.grad[0])
print(c1.weight.grad[2])

img = torch.randn(1, 2, 7, 7, requires_grad=True)
mp = nn.MaxPool2d(3, stride=2, padding=1)
print(mp)
m = mp(img)
print(m[0, 1])
(m * torch.arange(m.numel()).reshape(m.shape)).sum().backward()
print(img.grad[0, 1])
print(F.max_pool2d(img, 2, ceil_mode=True).shape)
print(F.max_pool2d(img, 2, dilation=2)[0, 0])

img.grad = None
ap = nn.AvgPool2d(3, stride=2, padding=1)
print(ap)
a = ap(img)
print(a[0, 0])
a.sum().backward()
print(img.grad[0, 0])
print(F.avg_pool2d(img, 3, stride=2, padding=1, count_include_pad=False)[0, 0])
print(F.avg_pool2d(img, 2, ceil_mode=True)[0, 1])

img.grad = None
ad = nn.AdaptiveAvgPool2d((3, 2))
print(ad)
q = ad(img)
print(q[0, 1])
q.sum().backward()
print(img.grad[0, 1])

t = torch.arange(6.).reshape(1, 2, 3)
print(F.pad(t, (1, 2)))
print(F.pad(t, (1, 1, 1, 0), value=-1.0))
print(F.pad(t, (2, 1), mode='reflect'))
print(F.pad(t, (1, 1), mode='replicate'))
print(F.pad(t, (-1, 1)))
u = torch.arange(4., requires_grad=True)
F.pad(u.reshape(1, 1, 4), (2, 2), mode='reflect').sum().backward()
print(u.grad)

for bad in [lambda: conv(torch.zeros(2, 3, 5, 5)), lambda: conv(torch.zeros(5, 5)), lambda: nn.Conv2d(3, 4, 2, groups=2),
            lambda: nn.Conv2d(1, 1, 5)(torch.zeros(1, 1, 3, 3)), lambda: nn.MaxPool2d(2, padding=2)(img),
            lambda: nn.Conv2d(1, 1, 3, stride=2, padding='same')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
