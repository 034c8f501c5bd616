# Dense layers with L1 and L2 penalties trained with SGD: the penalties are part of the loss
# (model.losses) and shrink as training goes.
import numpy as np
import keras
from keras import layers, regularizers

keras.utils.set_random_seed(42)
X = np.random.rand(64, 5).astype("float32")
y = (X @ np.array([[1.0], [-2.0], [0.5], [0.0], [3.0]]) + 0.1 * np.random.randn(64, 1)).astype("float32")

model = keras.Sequential([
    keras.Input(shape=(5,)),
    layers.Dense(16, activation="relu", kernel_regularizer=regularizers.l2(0.01)),
    layers.Dense(8, activation="tanh", kernel_regularizer=regularizers.l1(0.001)),
    layers.Dense(1),
])
print([round(float(p), 6) for p in model.losses])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse", metrics=["mae"])
history = model.fit(X, y, epochs=5, batch_size=16, verbose=0)
print(history.history["loss"])
print(history.history["mae"])
print([float(p) for p in model.losses])
kernel = model.layers[0].get_weights()[0]
print(kernel.shape, kernel[0, :4])
print(model.evaluate(X, y, verbose=0))
