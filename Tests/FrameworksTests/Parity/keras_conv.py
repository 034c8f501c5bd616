# Keras Conv2D / MaxPooling2D / AveragePooling2D, channels last. Recorded with Keras 3.15:
# KERAS_BACKEND=torch python keras_conv.py > keras_conv.out
import numpy as np
import keras
from keras import layers
keras.utils.set_random_seed(3)
x = np.random.rand(4, 6, 6, 2).astype("float32")
y = np.random.rand(4, 3).astype("float32")
model = keras.Sequential([
    keras.Input(shape=(6, 6, 2)),
    layers.Conv2D(4, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(3, (2, 2), strides=(1, 1)),
    layers.AveragePooling2D(pool_size=2, padding="same"),
    layers.Flatten(),
    layers.Dense(3),
])
print(model.layers[0].kernel.numpy()[0, 0])
print(np.round(model.predict(x, verbose=0), 5))
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
h = model.fit(x, y, epochs=3, batch_size=2, verbose=0)
print([round(v, 5) for v in h.history["loss"]])
print(model.layers[2].kernel.numpy()[1, 0])
print(layers.MaxPooling2D(pool_size=3, strides=2, padding="same")(x).shape)
print(layers.Conv2D(2, 3, strides=2, padding="same")(x).shape)
