# GaussianNoise between Dense layers: noise in training only; the model trains with it and
# predicts without it.
import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(9)
X = np.random.rand(32, 4).astype("float32")
y = X.sum(axis=1, keepdims=True)

model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(8, activation="relu"), layers.GaussianNoise(0.3), layers.Dense(1)])
noise = model.layers[1]
h = np.ones((2, 8), dtype="float32")
print(noise(h, training=False))
print(noise(h, training=True))
print(noise(h, training=True))
model.compile(optimizer="adam", loss="mse")
history = model.fit(X, y, epochs=3, batch_size=8, verbose=0)
print(history.history["loss"])
print(model.predict(X[:2], verbose=0))
print(model(X[:2], training=False))
print(model.evaluate(X, y, verbose=0))
