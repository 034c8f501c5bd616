# Elastic net with l1_l2: both penalties on one kernel, and the model's loss includes them.
import numpy as np
import keras
from keras import layers, regularizers

keras.utils.set_random_seed(5)
X = np.random.rand(50, 8).astype("float32")
y = (X[:, :2].sum(axis=1, keepdims=True) > 1).astype("float32")

model = keras.Sequential([
    layers.Dense(12, activation="relu", input_dim=8, kernel_regularizer=regularizers.l1_l2(l1=0.01, l2=0.01)),
    layers.Dense(1, activation="sigmoid", kernel_regularizer=regularizers.L1L2(l1=0.005)),
])
print([float(p) for p in model.losses])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9), loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(X, y, epochs=6, batch_size=10, verbose=0)
print(history.history["loss"])
print([float(p) for p in model.losses])
w = model.layers[0].kernel.numpy()
print(np.abs(w).sum(), (w ** 2).sum())
print(model.evaluate(X, y, verbose=0))
