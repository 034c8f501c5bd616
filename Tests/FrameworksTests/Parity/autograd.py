# Gradients of penalties and activations, leaf rules, no_grad updates.
import torch
w = torch.tensor([[0.5, -1.0], [2.0, 0.0]], requires_grad=True)
x = torch.tensor([1.0, -2.0])
y = (w @ x).relu().sum() + 0.1 * w.abs().sum() + 0.01 * (w ** 2).sum()
print(y)
y.backward()
print(w.grad)
print(w.is_leaf, y.is_leaf, y.grad_fn.name())
with torch.no_grad():
    w -= 0.5 * w.grad
print(w)
w.grad.zero_()
z = torch.sigmoid(w).mean() + torch.tanh(w).std() + torch.softmax(w, dim=1)[0, 1]
z.backward()
print(z, w.grad)
a = torch.tensor([3.0], requires_grad=True)
b = a * a
b.retain_grad()
c = b.exp().log() / 2
c.backward()
print(a.grad, b.grad, c)
print(w.detach().requires_grad, w.clone().grad_fn.name())
