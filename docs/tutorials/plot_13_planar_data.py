"""
DLS C1W3: Planar data with one hidden layer
===========================================

*Deep Learning Specialization* course 1 week 3 classifies the points of a
two-petal "flower" that no straight line can separate: logistic regression
gets 47%, a network with one hidden layer of 4 tanh units about 90%. The
course writes every step in numpy; in Keras each is a built-in:

.. list-table::
   :header-rows: 1

   * - The course (numpy)
     - Keras / keras-course
   * - ``load_planar_dataset()`` (``X`` is (2, m))
     - :func:`keras_course.datasets.planar_flower` ((m, 2); the same points)
   * - ``layer_sizes``, ``initialize_parameters``
     - ``Dense`` layers build their own weights (Glorot-uniform; the
       course draws ``randn * 0.01``)
   * - ``forward_propagation``
     - ``model(x)``: ``Dense(4, "tanh")`` then ``Dense(1, "sigmoid")``
   * - ``compute_cost``
     - ``loss="binary_crossentropy"``
   * - ``backward_propagation``
     - automatic differentiation (``GradientTape``, ``jax.grad``)
   * - ``update_parameters`` (rate 1.2)
     - ``keras.optimizers.SGD(1.2)``
   * - ``nn_model(X, Y, 4, num_iterations=10000)``
     - :class:`keras_course.applications.ShallowClassifier`, then 10,000
       full-batch steps
   * - ``predict`` (threshold 0.5)
     - ``model.predict(x) > 0.5``
   * - ``plot_decision_boundary``
     - :func:`keras_course.visualization.plot_decision_boundary`
   * - ``sklearn.linear_model.LogisticRegressionCV``
     - the same
"""

import warnings

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.linear_model import LogisticRegressionCV

from keras_course.applications import ShallowClassifier
from keras_course.datasets import planar_flower
from keras_course.visualization import plot_decision_boundary

x, y = planar_flower()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", FutureWarning)
    logistic = LogisticRegressionCV().fit(x, y)
print(f"logistic regression: {logistic.score(x, y):.1%} (course: 47%)")

# %%
# The course's gradient descent runs 10,000 full-batch steps; a repeated
# full-batch dataset does that in one ``fit`` call, without 10,000 epochs of
# callbacks.
full_batch = tf.data.Dataset.from_tensors((x, y)).repeat()
figure, axes = plt.subplots(1, 4, figsize=(18, 4))
plot_decision_boundary(lambda p: logistic.predict_proba(p)[:, 1], x, y, ax=axes[0])
axes[0].set_title("logistic regression")
for ax, units in zip(axes[1:], (1, 4, 20), strict=True):
    keras.utils.set_random_seed(0)
    model = ShallowClassifier(units)
    model.fit(full_batch, epochs=1, steps_per_epoch=10_000, shuffle=False, verbose=0)
    accuracy = np.mean((model.predict(x, verbose=0)[:, 0] > 0.5) == y)
    print(f"{units:2d} tanh units: {accuracy:.1%}" + ("  (course: 90%)" * (units == 4)))
    plot_decision_boundary(model, x, y, ax=ax)
    ax.set_title(f"{units} hidden units: {accuracy:.0%}")
plt.show()
