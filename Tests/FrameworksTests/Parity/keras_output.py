# What Keras writes: summary() tables and fit's progress lines at verbose=1 and 2 (the timings
# are made 0 when the expected output is recorded, and regtutor's test clock stands still).
import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(0)
x = np.random.rand(40, 4).astype("float32")
y = (x[:, :1] > 0.5).astype("float32")
model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(6, activation="relu"), layers.Dropout(0.5), layers.BatchNormalization(), layers.Dense(1, activation="sigmoid")])
model.summary()
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
h = model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, verbose=1)
h = model.fit(x, y, epochs=2, batch_size=16, verbose=2)
print(model.evaluate(x, y))
model.summary()
unbuilt = keras.Sequential([layers.Dense(2), layers.Dense(3)], name="later")
unbuilt.summary()
reg = keras.Sequential([layers.Dense(3, input_shape=(2,))])
reg.compile(optimizer="sgd", loss="mse", metrics=["mae"])
reg.fit(x[:, :2], y, epochs=1, verbose=2, validation_data=(x[:8, :2], y[:8]))
print(reg.predict(x[:2, :2]))
