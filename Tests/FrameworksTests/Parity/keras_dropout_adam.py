# The tutorial's classifier: Dense-relu, Dropout(0.5), Dense-sigmoid, Adam and binary
# cross-entropy. Dropout masks come from torch's generator, the batches from fit's shuffling.
import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(7)
X = np.random.randn(120, 10)
y = (X[:, 0] + X[:, 1] * X[:, 2] > 0).astype("float32")

model = keras.Sequential([
    layers.Dense(64, activation="relu", input_shape=(10,)),
    layers.Dropout(0.5),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
history = model.fit(X, y, epochs=4, batch_size=32, validation_split=0.25, verbose=0)
for name in history.history:
    print(name, history.history[name])
print(model.predict(X[:3], verbose=0))
print(model.layers[1](np.ones((1, 6)), training=True))
print(model.evaluate(X, y, verbose=0))
