# BatchNormalization's moving statistics after fit: Keras's momentum 0.99 and epsilon 1e-3.
import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(11)
X = (np.random.randn(48, 3) * np.array([1.0, 5.0, 0.2]) + np.array([2.0, -1.0, 0.5])).astype("float32")
y = (X[:, :1] > 2).astype("float32")

model = keras.Sequential([keras.Input(shape=(3,)), layers.BatchNormalization(), layers.Dense(4, activation="relu"),
                          layers.BatchNormalization(momentum=0.9), layers.Dense(1, activation="sigmoid")])
bn = model.layers[0]
print(bn.momentum, bn.epsilon, bn.moving_mean.numpy(), bn.moving_variance.numpy())
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(X, y, epochs=3, batch_size=16, verbose=0)
print(history.history)
print(bn.moving_mean.numpy())
print(bn.moving_variance.numpy())
print(model.layers[2].moving_mean.numpy(), model.layers[2].gamma.numpy())
print(bn(X[:2], training=False))
print(bn(X[:2], training=True))
