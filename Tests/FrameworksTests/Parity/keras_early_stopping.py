# EarlyStopping on val_loss with patience 3 and restore_best_weights: where it stopped, the
# history it left, and the weights it restored.
import numpy as np
import keras
from keras import layers, callbacks

keras.utils.set_random_seed(3)
X = np.random.rand(40, 2).astype("float32")
y = (np.sin(3 * X[:, :1]) + X[:, 1:] ** 2).astype("float32")
X_val, y_val = X[30:], y[30:]
X, y = X[:30], y[:30]

model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(32, activation="relu"), layers.Dense(32, activation="relu"), layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="mse")
es = callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True, verbose=1)
history = model.fit(X, y, epochs=60, batch_size=8, validation_data=(X_val, y_val), callbacks=[es], verbose=0)
print(es.stopped_epoch, es.best_epoch, es.wait, len(history.history["loss"]), history.epoch[-1])
print(history.history["val_loss"])
print(es.best, model.evaluate(X_val, y_val, verbose=0))
