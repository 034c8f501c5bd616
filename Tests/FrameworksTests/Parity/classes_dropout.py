# A tutorial's dropout network, written as a class (PyTorch 2.15, CPU).
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
X = torch.randn(64, 10)
y = (X[:, 0] + 0.5 * X[:, 1] > 0).float().unsqueeze(1)


class Network(nn.Module):
    def __init__(self, input_size, hidden_size, output_size, dropout_rate=0.5):
        super(Network, self).__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        self.dropout = nn.Dropout(dropout_rate)
        self.fc2 = nn.Linear(hidden_size, output_size)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.dropout(x)
        return self.sigmoid(self.fc2(x))


model = Network(10, 32, 1, dropout_rate=0.3)
print(model)
print(sum(p.numel() for p in model.parameters()))
criterion = nn.BCELoss()
optimizer = optim.Adam(model.parameters(), lr=0.01)

for epoch in range(20):
    model.train()
    optimizer.zero_grad()
    outputs = model(X)
    loss = criterion(outputs, y)
    loss.backward()
    optimizer.step()
    if epoch % 5 == 0:
        print(f"epoch {epoch}: loss {loss.item():.4f}")

model.eval()
with torch.no_grad():
    predictions = model(X)
    accuracy = ((predictions > 0.5).float() == y).float().mean()
print(f"accuracy {accuracy.item():.4f}")
print(model.dropout.p, model.training, model.dropout.training)
print(isinstance(model, nn.Module), isinstance(model.fc1, nn.Linear), type(model).__name__)
print([name for name, _ in model.named_children()])
print(model.fc2.weight.shape, model.fc2.bias)
