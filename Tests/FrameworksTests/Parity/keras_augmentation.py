# Keras's image augmentation layers on a small channels-last batch: flips, rotations and zooms
# drawn from each layer's seed, resampled bilinearly with reflection outside the image.
import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(2)
images = np.random.rand(3, 5, 6, 2).astype("float32")
flip = layers.RandomFlip()
rotate = layers.RandomRotation(0.15)
zoom = layers.RandomZoom(0.3, width_factor=(-0.2, 0.1))
horizontal = layers.RandomFlip("horizontal", seed=3)
nearest = layers.RandomRotation((-0.2, 0.3), fill_mode="constant", interpolation="nearest", fill_value=-1.0, seed=5)
print(flip(images)[:, 0, :, 0])
print(flip(images, training=False)[0, 0, :, 0])
print(rotate(images)[0, :, :, 1])
print(rotate(images)[2, :, :, 0])
print(zoom(images)[1, :, :, 0])
print(horizontal(images[0])[:, :, 1])
print(nearest(images)[0, :, :, 0])
model = keras.Sequential([keras.Input(shape=(5, 6, 2)), layers.RandomFlip("vertical"), layers.RandomZoom(0.1), layers.Flatten(), layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
print(model.predict(images, verbose=0))
print(model.fit(images, np.ones((3, 1)), epochs=2, verbose=0).history["loss"])
# A Sequential called without training= leaves each layer to its default: augmentation layers augment.
pipeline = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])
print(np.allclose(np.asarray(pipeline(images)), images), np.allclose(np.asarray(pipeline(images, training=False)), images))
print(np.asarray(pipeline(images))[0, :, :, 0])
