# Image augmentation with torchvision's names and seeds. The .out file is what torchvision 0.29
# (torch 2.15) printed: python augmentation.py > augmentation.out
import torch
import torchvision.transforms as transforms
import torchvision.transforms.functional as TF

img = (torch.arange(25.) / 25).reshape(1, 5, 5)
rgb = torch.tensor([[[0.1, 0.5], [0.9, 0.3]], [[0.2, 0.4], [0.6, 0.8]], [[0.7, 0.0], [1.0, 0.25]]])
print(TF.hflip(img))
print(TF.vflip(img))
print(TF.rotate(img, 30))
print(TF.rotate(img, 45, interpolation=transforms.InterpolationMode.BILINEAR, fill=[1.0]))
print(TF.center_crop(img, 3))
print(TF.crop(img, 1, 2, 3, 3))
print(TF.pad(img, [1, 2], padding_mode="reflect"))
print(TF.resize(img, [3, 3]))
print(TF.resize(img, [7, 7], interpolation=transforms.InterpolationMode.NEAREST))
print(TF.adjust_brightness(rgb, 1.5))
print(TF.adjust_contrast(rgb, 0.5))
print(TF.adjust_saturation(rgb, 0.3))
print(TF.rgb_to_grayscale(rgb))
print(TF.normalize(rgb, [0.5, 0.4, 0.3], [0.2, 0.25, 0.5]))

pipeline = transforms.Compose([
    transforms.RandomHorizontalFlip(),
    transforms.RandomCrop(4, padding=1),
    transforms.ColorJitter(brightness=0.5, contrast=0.5),
    transforms.Normalize([0.5], [0.5]),
])
print(pipeline)
torch.manual_seed(0)
for _ in range(3):
    print(pipeline(img))
torch.manual_seed(1)
print(transforms.RandomResizedCrop(4, scale=(0.3, 1.0))(img))
torch.manual_seed(2)
print(transforms.RandomRotation(45)(img))
torch.manual_seed(3)
print(transforms.RandomErasing(p=1.0, value=0.5)(img))
torch.manual_seed(4)
print(transforms.ColorJitter(0.4, 0.4, 0.4)(rgb))
torch.manual_seed(5)
print(transforms.RandomVerticalFlip(p=0.5)(img)[0, 0])
print(transforms.Resize(3), transforms.CenterCrop((2, 3)), transforms.Pad(1))
