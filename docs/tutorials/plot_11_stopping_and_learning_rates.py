"""
TiP C4W2: Stopping at a target and finding a learning rate
==========================================================

Two habits from the courses, made first-class:

* stopping when a metric reaches a target, which every assignment codes by
  hand (``if logs.get("accuracy") > 0.6: self.model.stop_training = True``);
* choosing a learning rate, which course 4 does with a 100-epoch sweep
  (``LearningRateScheduler(lambda epoch: 1e-8 * 10**(epoch / 20))``) and a
  semilog plot read by eye.
"""

import keras
import numpy as np

from keras_course.applications import TimeSeriesForecaster
from keras_course.callbacks import ThresholdStopping, find_learning_rate
from keras_course.datasets import synthetic_series, windowed_dataset
from keras_course.visualization import plot_history

# %%
# Stop at a target
# ----------------
# Two noisy blobs to classify; stop as soon as validation accuracy is above
# 0.95. The callback prints one line when it stops and records the epoch.
rng = np.random.default_rng(0)
x = np.concatenate([rng.normal(-1, 1, (500, 2)), rng.normal(1.5, 1, (500, 2))])
y = np.concatenate([np.zeros(500), np.ones(500)])
order = rng.permutation(1000)
x, y = x[order].astype("float32"), y[order].astype("float32")

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    keras.optimizers.SGD(0.05), loss="binary_crossentropy", metrics=["accuracy"]
)
stop = ThresholdStopping(monitor="val_accuracy", threshold=0.95)
history = model.fit(x, y, validation_split=0.2, epochs=100, verbose=0, callbacks=[stop])
print(f"stopped after {stop.stopped_epoch + 1} of 100 epochs")

# %%
# The history in one call: loss and accuracy, training and validation.
plot_history(history)

# %%
# Find a learning rate
# --------------------
# The course 4 week 2 DNN (Dense 10-10-1 on windows of 20, SGD with momentum
# 0.9, MSE) on the course series: ``TimeSeriesForecaster`` with the course's
# optimizer and loss. ``find_learning_rate`` raises the rate every *batch*
# instead of every epoch, so a sweep takes 100 batches rather than 100
# epochs, stops once the loss diverges, and leaves the model exactly as it
# was. It runs three sweeps, each with its own batch order, and reads their
# mean loss: one sweep's curve is as much the batches it happened to meet as
# the rate (``sweeps=1`` is a single, noisier sweep). The three together
# still take a fraction of the course's 100 epochs: on TensorFlow they run
# as one compiled loop of the model's own training step, without ``fit``'s
# Python work per batch (see ``benchmarks/lr_finder.py``; ``compiled=False``
# sweeps through ``fit``). Each sweep starts from a fresh optimizer
# state: momentum left by earlier training would otherwise carry the old
# rate's steps into its first batches.
_, series = synthetic_series()
dataset = windowed_dataset(series[:1000], window_size=20, batch_size=32, seed=0)

keras.utils.set_random_seed(0)
dnn = TimeSeriesForecaster(
    window_size=20,
    architecture="dense",
    optimizer=keras.optimizers.SGD(1e-6, momentum=0.9),
    loss="mse",
)
result = find_learning_rate(dnn, dataset)
print(f"suggested learning rate: {result.suggestion():.1e} (the course picks 8e-6)")

# %%
# How the suggestion is read
# --------------------------
# The batch losses are smoothed with a *centred* Gaussian (0.15 decades
# wide): the sweep's running average lags about 50 batches, half the sweep,
# and its minimum then sits far to the right of the real one. Everything
# from where the curve first *blows up* is ignored: where it passes twice
# its lowest value so far (the first batches, where the centred mean is
# one-sided, do not set that lowest value). Past that point the network may
# have collapsed, and a later, lower dip (dead ReLUs fitting the mean) is
# no guide.
#
# Then one question: did the loss fall clearly, by more than 12 standard
# errors of the smoothed curve? If so, the suggestion is a third of the
# rate of the lowest loss, "a little before the minimum", as the course
# reads its plot, and at least ten times below the blow-up. If the curve is
# flat within its noise, as for a model that is already trained, its lowest
# point is noise; the rule then reads the one thing a flat sweep shows,
# where it blows up, and suggests a twentieth of that rate (with a
# warning). The same rule serves SGD and Adam. Every number in it is an
# argument of ``LRFinderResult`` (``min_descent``, ``min_divisor``,
# ``blowup_divisor``, ``flat_divisor``, ``blowup_factor``,
# ``smoothing_decades``). The plot marks the minimum, the suggestion and the
# blow-up, and draws each sweep faintly behind their mean.
result.plot()
print(f"minimum {result.minimum:.1e}, blows up at {result.diverged_at:.1e}")

# %%
# Was it a good rate? The rule was chosen by training at it:
# ``benchmarks/lr_finder_quality.py`` trains four problems (this DNN, the
# same DNN with Adam, ``TimeSeriesForecaster()`` and a small CNN with Adam),
# five seeds, fresh and after one epoch, at each rule's suggestion and at
# every rate of a log grid (three per decade). The table in
# :doc:`/benchmarks` gives the ratio of the validation metric to the best
# grid rate's. Here, 20 epochs at the suggestion against 20 epochs at the
# course's 8e-6:
from keras_course.ops import mae  # noqa: E402


def validation_mae(learning_rate):
    keras.utils.set_random_seed(1)
    model = TimeSeriesForecaster(
        window_size=20,
        architecture="dense",
        optimizer=keras.optimizers.SGD(learning_rate, momentum=0.9),
        loss="mse",
    )
    model.fit(dataset, epochs=20, verbose=0)
    return mae(series[1000:], model.forecast(series)[1000 - 20 : -1])


for label, rate in [("suggestion", result.suggestion()), ("course 8e-6", 8e-6)]:
    print(f"{label:12s} lr {rate:.1e}: validation MAE {validation_mae(rate):.2f}")
