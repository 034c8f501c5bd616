# A Sequential built with .add(), the first layer Dense(500, input_dim=2), as in the overfitting
# example of the tutorials.
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense, Dropout

keras.utils.set_random_seed(1)
X = np.random.randn(30, 2)
y = (X[:, 0] * X[:, 1] > 0).astype("float32")

model = Sequential()
model.add(Dense(500, input_dim=2, activation="relu"))
model.add(Dropout(0.4))
model.add(Dense(1, activation="sigmoid"))
print(model.count_params(), [w.shape for w in model.get_weights()], model.built)
print(model.layers[0].kernel.numpy()[:, :3])
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
history = model.fit(X, y, epochs=3, verbose=0)
print(history.history)
print(model.evaluate(X, y, verbose=0), history.params)
