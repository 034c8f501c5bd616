# torchvision.datasets.FakeData, a DataLoader over it, and a Dataset subclass of one's own.
# Recorded with torchvision 0.29: python vision_datasets.py > vision_datasets.out
import torch
from torchvision import datasets, transforms
from torch.utils.data import Dataset, DataLoader

ds = datasets.FakeData(size=6, image_size=(1, 4, 4), num_classes=3, transform=transforms.ToTensor())
img, label = ds[2]
print(img, label)
print(len(ds))
print(ds)
print(ds[-1][1], datasets.FakeData(size=6, image_size=(3, 2, 2), random_offset=4, transform=transforms.ToTensor())[0][0][2])
torch.manual_seed(0)
loader = DataLoader(ds, batch_size=4, shuffle=True)
for epoch in range(2):
    for xb, yb in loader:
        print(epoch, xb.shape, yb)
print(torch.rand(2))

class Squares(Dataset):
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        return torch.tensor([float(i)]), i * i

for xb, yb in DataLoader(Squares(5), batch_size=2):
    print(xb.tolist(), yb)
