# kernel_constraint=max_norm(2.): after every step each unit's incoming weights (a column of
# the (in, out) kernel) have norm at most 2.
import numpy as np
import keras
from keras import layers
from keras.constraints import max_norm

keras.utils.set_random_seed(21)
X = (np.random.rand(40, 6) * 4).astype("float32")
y = (X[:, :3].sum(axis=1, keepdims=True) - X[:, 3:].sum(axis=1, keepdims=True)).astype("float32")

model = keras.Sequential([
    keras.Input(shape=(6,)),
    layers.Dense(10, activation="relu", kernel_constraint=max_norm(2.)),
    layers.Dense(1, kernel_constraint=max_norm(2.)),
])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
print(np.sqrt((model.layers[0].kernel.numpy() ** 2).sum(axis=0)))
history = model.fit(X, y, epochs=4, batch_size=8, verbose=0)
print(history.history["loss"])
print(np.sqrt((model.layers[0].kernel.numpy() ** 2).sum(axis=0)))
print(np.sqrt((model.layers[1].kernel.numpy() ** 2).sum(axis=0)))
