# Early stopping by hand: patience, np.inf, torch.save and torch.load of the best state (PyTorch 2.15, CPU).
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(3)
x = torch.linspace(-2, 2, 40).unsqueeze(1)
y = x ** 3 - x + 0.3 * torch.randn(40, 1)
x_train, y_train = x[::2], y[::2]
x_val, y_val = x[1::2], y[1::2]


class Regressor(nn.Module):
    def __init__(self, hidden=32):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(1, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.net(x)


model = Regressor()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
criterion = nn.MSELoss()
best_val_loss = np.inf
patience = 5
patience_counter = 0
for epoch in range(200):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(x_train), y_train)
    loss.backward()
    optimizer.step()
    model.eval()
    with torch.no_grad():
        val_loss = criterion(model(x_val), y_val).item()
    if val_loss < best_val_loss:
        best_val_loss = val_loss
        patience_counter = 0
        torch.save(model.state_dict(), 'best_model.pt')
    else:
        patience_counter += 1
        if patience_counter >= patience:
            print(f'Early stopping at epoch {epoch}')
            break
    if epoch % 10 == 0:
        print(f'epoch {epoch:3d}  train {loss.item():.4f}  val {val_loss:.4f}')

print(f'best val loss {best_val_loss:.4f}')
model.load_state_dict(torch.load('best_model.pt'))
with torch.no_grad():
    print(f'restored val loss {criterion(model(x_val), y_val).item():.4f}')
print(np.inf > 1e308, np.isinf(best_val_loss), type(best_val_loss).__name__)
print(model.net[0])
