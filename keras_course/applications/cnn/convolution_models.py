"""DLS course 4 week 1's two Keras models: the Happy House and the SIGNS ConvNet."""

import keras

from keras_course._backend import check_backend
from keras_course.api_export import keras_course_export
from keras_course.applications._images import image_input
from keras_course.applications.vision.image_classifier import (
    ImageClassifier,
    check_class_names,
)

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}


class _WeekOneModel(ImageClassifier):
    """What the two models share: Adam(1e-3) by default, accuracy, and
    their constructor arguments as the config."""

    def _finish(self, inputs, outputs, class_names, optimizer, loss, kwargs):
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.input_shape_arg = tuple(inputs.shape[1:])
        self.compile_course(optimizer, ADAM, loss)

    def get_config(self):
        return {
            "name": self.name,
            "input_shape": list(self.input_shape_arg),
            "class_names": self.class_names,
            "optimizer": self.optimizer_config,
        }


@keras_course_export("keras_course.applications.HappyHouseClassifier")
class HappyHouseClassifier(_WeekOneModel):
    """DLS course 4 week 1: is the face at the Happy House's door smiling?

    The course's `happyModel`, built with the Sequential API: ZeroPadding2D(3)
    → Conv2D(32, 7×7, stride 1) → BatchNormalization → ReLU →
    MaxPooling2D(2) → Flatten → Dense(1, sigmoid) on 64×64×3 pictures:
    37,633 parameters, 64 of them non-trainable (the BatchNorm moving
    statistics). Compiled as the course does: Adam, binary cross-entropy,
    accuracy (the course trains 10 epochs with batches of 16). Inputs are raw
    pixels in [0, 255]; the model divides them by 255 itself (a `Rescaling`
    layer, no parameters), as the course divides its arrays.

    The course's pictures are not public: `synthetic_happy_faces()`
    generates a stand-in (drawn faces whose mouth curves up or not).

    Args:
        input_shape: `(height, width, 3)`. Defaults to the course's
            `(64, 64, 3)`.
        class_names: the two classes, label 0 first. Defaults to
            `("not happy", "happy")`.
        optimizer: a Keras optimizer or its config; None for Adam(1e-3).

    Example:

    >>> model = HappyHouseClassifier()
    >>> model.count_params(), sum(
    ...     keras.ops.size(w) for w in model.non_trainable_weights).__int__()
    (37633, 64)
    """

    def __init__(
        self,
        input_shape=(64, 64, 3),
        class_names=("not happy", "happy"),
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        inputs, x = image_input(input_shape, channels=3)
        class_names = check_class_names(class_names, 2)
        x = keras.layers.ZeroPadding2D(3, name="pad")(x)
        x = keras.layers.Conv2D(32, 7, name="conv")(x)
        x = keras.layers.BatchNormalization(axis=3, name="bn")(x)
        x = keras.layers.ReLU(name="relu")(x)
        x = keras.layers.MaxPooling2D(name="pool")(x)
        x = keras.layers.Flatten(name="flatten")(x)
        outputs = keras.layers.Dense(1, activation="sigmoid", name="prediction")(x)
        kwargs.setdefault("name", "happy_house")
        self._finish(
            inputs, outputs, class_names, optimizer, "binary_crossentropy", kwargs
        )


@keras_course_export("keras_course.applications.SignsClassifier")
class SignsClassifier(_WeekOneModel):
    """DLS course 4 week 1: how many fingers does the hand hold up (0 to 5)?

    The course's `convolutional_model`, built with the Functional API:
    Conv2D(8, 4×4, same) → ReLU → MaxPooling2D(8×8, stride 8, same) →
    Conv2D(16, 2×2, same) → ReLU → MaxPooling2D(4×4, stride 4, same) →
    Flatten → Dense(6, softmax) on 64×64×3 pictures: 1,310 parameters.
    Compiled with Adam(1e-3), sparse categorical cross-entropy (the course
    one-hot encodes its labels for categorical cross-entropy: the same
    loss) and accuracy. The course uses Adam(0.01) and 100 epochs of
    batches of 64; with that recipe on the generated stand-in, 3 of 5 seeds
    stayed at chance (test accuracy 0.125-0.925 over seeds 0-4) where
    Adam(1e-3) learned on every seed (0.817-0.900; held out, seeds 5-9:
    see the benchmarks page). The course's rate is one argument away:
    `SignsClassifier(optimizer=keras.optimizers.Adam(0.01))`. Inputs are
    raw pixels in [0, 255], divided by 255 inside the model.

    The SIGNS pictures are not public: `synthetic_signs()` generates a
    stand-in (a palm with 0 to 5 finger-like bars).

    Args:
        input_shape: `(height, width, 3)`. Defaults to `(64, 64, 3)`.
        class_names: the six classes, in label order. Defaults to
            `("0", "1", "2", "3", "4", "5")`, the finger counts.
        optimizer: a Keras optimizer or its config; None for Adam(1e-3).

    Example:

    >>> SignsClassifier().count_params()
    1310
    """

    def __init__(
        self,
        input_shape=(64, 64, 3),
        class_names=("0", "1", "2", "3", "4", "5"),
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        inputs, x = image_input(input_shape, channels=3)
        class_names = check_class_names(class_names, 6)
        x = keras.layers.Conv2D(8, 4, padding="same", name="conv_0")(x)
        x = keras.layers.ReLU(name="relu_0")(x)
        x = keras.layers.MaxPooling2D(8, strides=8, padding="same", name="pool_0")(x)
        x = keras.layers.Conv2D(16, 2, padding="same", name="conv_1")(x)
        x = keras.layers.ReLU(name="relu_1")(x)
        x = keras.layers.MaxPooling2D(4, strides=4, padding="same", name="pool_1")(x)
        x = keras.layers.Flatten(name="flatten")(x)
        outputs = keras.layers.Dense(6, activation="softmax", name="prediction")(x)
        kwargs.setdefault("name", "signs_convnet")
        loss = "sparse_categorical_crossentropy"
        self._finish(inputs, outputs, class_names, optimizer, loss, kwargs)
