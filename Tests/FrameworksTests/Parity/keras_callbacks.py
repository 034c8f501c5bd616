# Callbacks: ModelCheckpoint keeping the best model, ReduceLROnPlateau (its learning_rate joins
# the history), LambdaCallback, a Callback subclass that stops training, and the model's other
# ways to train and predict.
import numpy as np
import keras
from keras import layers, callbacks

keras.utils.set_random_seed(4)
X = np.random.rand(24, 3).astype("float32")
y = (X ** 2).sum(axis=1, keepdims=True)
X_val, y_val = X[:6] + 0.05, y[:6]

class StopAt(callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print("epoch", epoch, "loss", round(logs["loss"], 5), sorted(logs))
        if epoch == 6:
            self.model.stop_training = True

model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(8, activation="tanh"), layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.2), loss="mse", metrics=["mae"])
checkpoint = callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True, verbose=1)
plateau = callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1, verbose=1)
printer = callbacks.LambdaCallback(on_train_begin=lambda logs: print("start"), on_train_end=lambda logs: print("end"))
history = model.fit(X, y, epochs=20, batch_size=8, validation_data=(X_val, y_val), verbose=0,
                    callbacks=[checkpoint, plateau, printer, StopAt()])
print(history.history["learning_rate"])
print(history.epoch, checkpoint.best)
best = keras.models.load_model("best.keras")
print(best.evaluate(X_val, y_val, verbose=0), model.evaluate(X_val, y_val, verbose=0))
print(model.train_on_batch(X[:4], y[:4]), model.test_on_batch(X[:4], y[:4]))
print(model.predict_on_batch(X[:2]))
print(model.optimizer.learning_rate, model.optimizer.iterations)
