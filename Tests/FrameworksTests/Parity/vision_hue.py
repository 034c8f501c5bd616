# ColorJitter with hue and TF.adjust_hue; recorded with torchvision 0.29: python vision_hue.py > vision_hue.out
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as TF
torch.manual_seed(0)
img = torch.rand(3, 4, 5)
print(TF.adjust_hue(img, 0.25))
print(TF.adjust_hue(img, -0.4)[1])
print(TF.adjust_hue(torch.tensor([[[0.5]], [[0.5]], [[0.5]]]), 0.3))
torch.manual_seed(3)
jitter = T.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)
print(jitter)
for k in range(3):
    print(jitter(img)[0, 0])
print(T.ColorJitter(hue=(-0.2, 0.3)))
