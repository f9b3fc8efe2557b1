"""Course 1 week 3's one-hidden-layer classifier of planar data."""

import keras

from keras_course._backend import check_backend
from keras_course._validation import check_int
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin

# The course's gradient descent: learning_rate=1.2 on the whole set.
COURSE_SGD = {"class_name": "SGD", "config": {"learning_rate": 1.2}}


@keras_course_export("keras_course.applications.ShallowClassifier")
class ShallowClassifier(PresetMixin, FitMixin, keras.Model):
    """The course 1 week 3 network: one hidden layer, a sigmoid output.

    `Dense(units, activation)` → `Dense(1, "sigmoid")`, compiled as
    the course trains its numpy version: plain gradient descent at 1.2 on
    the cross-entropy. The course runs 10,000 full-batch iterations:
    `fit(x, y, batch_size=len(x), epochs=10000)`. On the planar flower it
    reaches about 90% training accuracy with 4 tanh units, where logistic
    regression reaches 47%.

    Keras's `Dense` starts from Glorot-uniform weights; the course draws
    `randn * 0.01`. Pass `kernel_initializer=keras.initializers.RandomNormal(
    stddev=0.01)` for the course's.

    Args:
        units: int, the hidden layer's (the course's `n_h`). Defaults to 4.
        activation: the hidden activation. Defaults to `"tanh"`.
        input_shape: `(features,)`, or an int. Defaults to `(2,)`.
        kernel_initializer: for both layers. Defaults to `"glorot_uniform"`.
        optimizer: None for the course's SGD(1.2).

    Example:

    >>> model = ShallowClassifier()
    >>> model.count_params()  # 2*4 + 4 + 4 + 1
    17
    """

    def __init__(
        self,
        units=4,
        activation="tanh",
        input_shape=(2,),
        kernel_initializer="glorot_uniform",
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        units = check_int("units", units)
        if isinstance(input_shape, int):
            input_shape = (input_shape,)
        input_shape = tuple(input_shape)
        if len(input_shape) != 1:
            raise ValueError(
                "`input_shape` must be `(features,)`: the network reads vectors. "
                f"Received: input_shape={input_shape}"
            )
        input_shape = (check_int("input_shape[0]", input_shape[0]),)
        inputs = keras.Input(input_shape, name="x")
        hidden = keras.layers.Dense(
            units, activation=activation, name="hidden",
            kernel_initializer=keras.initializers.get(kernel_initializer),
        )(inputs)  # fmt: skip
        outputs = keras.layers.Dense(
            1, activation="sigmoid", name="output",
            kernel_initializer=keras.initializers.get(kernel_initializer),
        )(hidden)  # fmt: skip
        kwargs.setdefault("name", "shallow_classifier")
        super().__init__(inputs, outputs, **kwargs)
        self.units, self.input_shape_arg = units, input_shape
        self.activation = keras.activations.serialize(keras.activations.get(activation))
        self.kernel_initializer = keras.initializers.serialize(
            keras.initializers.get(kernel_initializer)
        )
        optimizer, self.optimizer_config = course_optimizer(optimizer, COURSE_SGD)
        self.compile(optimizer=optimizer, loss="binary_crossentropy",
                     metrics=["accuracy"])  # fmt: skip

    def get_config(self):
        return {
            "name": self.name,
            "units": self.units,
            "activation": self.activation,
            "input_shape": list(self.input_shape_arg),
            "kernel_initializer": self.kernel_initializer,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
