"""
TiP C1W1: Hello world: y = 2x − 1
=================================

*TensorFlow in Practice* course 1 week 1 starts with one neuron learning
``y = 2x - 1`` from six points, then predicts ``x = 10`` (about 18.98, not
19: six points leave some doubt). The course's Keras code still works in
Keras 3 with one change, the input shape:

.. list-table::
   :header-rows: 1

   * - The course (Keras 2)
     - Keras 3
   * - ``Dense(units=1, input_shape=[1])``
     - ``keras.Input((1,))``, then ``keras.layers.Dense(1)``
   * - ``compile(optimizer="sgd", loss="mean_squared_error")``
     - the same (SGD's rate: 0.01)
   * - ``model.fit(xs, ys, epochs=500)``
     - the same; ``verbose=0`` keeps logs short
   * - ``model.predict([10.0])``
     - ``model.predict(np.array([[10.0]]))`` (a batch)
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.visualization import plot_history

xs = np.array([-1.0, 0.0, 1.0, 2.0, 3.0, 4.0], dtype="float32")[:, None]
ys = np.array([-3.0, -1.0, 1.0, 3.0, 5.0, 7.0], dtype="float32")[:, None]

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mean_squared_error")
history = model.fit(xs, ys, epochs=500, verbose=0)
print("prediction at 10:", float(model.predict(np.array([[10.0]]), verbose=0)[0, 0]))
weight, bias = (float(np.ravel(w)[0]) for w in model.get_weights())
print(f"learned y = {weight:.3f} x + {bias:.3f}")
plot_history(history)
plt.show()
