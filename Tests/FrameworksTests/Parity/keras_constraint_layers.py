# Keras layers' settings read back (kernel_constraint, momentum, stddev), a max_norm kernel after
# one big SGD step, and NumPy arrays turned into tensors (torch.tensor, torch.from_numpy).
# Printed by Keras 3 (KERAS_BACKEND=torch, CPU) with PyTorch 2.15 and NumPy 2.4.
import torch
import numpy as np
import keras
from keras import layers
keras.utils.set_random_seed(0)
dense = layers.Dense(4, kernel_constraint=keras.constraints.max_norm(2.))
kmodel = keras.Sequential([keras.Input(shape=(3,)), dense])
kmodel.compile(optimizer=keras.optimizers.SGD(learning_rate=10.0), loss="mse")
xs = torch.randn(8, 3, generator=torch.Generator().manual_seed(0))
before = torch.tensor(dense.kernel.numpy()).norm(dim=0)
kmodel.fit(xs, torch.full((8, 4), 5.0), epochs=1, batch_size=8, verbose=0)
after = torch.tensor(dense.kernel.numpy()).norm(dim=0)
print(dense.kernel.shape, before, after)
print(type(dense.kernel_constraint).__name__, dense.kernel_constraint.max_value, dense.kernel_constraint.axis, dense.kernel_regularizer)
kbn = layers.BatchNormalization(momentum=0.9)
print(isinstance(kbn, layers.BatchNormalization), kbn.momentum, kbn.epsilon)
m = keras.Sequential([keras.Input(shape=(1,)), layers.GaussianNoise(0.1), layers.Dense(1)])
print([type(l).__name__ for l in m.layers], m.layers[0].stddev)
print(torch.tensor(np.array([[1, 2], [3, 4]])), torch.from_numpy(np.array([0.5, 1.5], dtype=np.float32)), torch.tensor(np.array([True, False])))
