"""The classifiers of TensorFlow in Practice, courses 1-2, one line each."""

import keras

from keras_course._backend import check_backend
from keras_course._validation import check_choice, check_fraction
from keras_course.api_export import keras_course_export
from keras_course.applications._images import image_input
from keras_course.applications.vision.image_classifier import (
    ImageClassifier,
    check_class_names,
    classifier_output,
    conv_blocks,
)
from keras_course.layers.course_augmentation import course_augmentation

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-3}}
RMSPROP = {"class_name": "RMSprop", "config": {"learning_rate": 1e-3}}


@keras_course_export("keras_course.applications.FashionMNISTClassifier")
class FashionMNISTClassifier(ImageClassifier):
    """Course 1 weeks 2-3: Fashion-MNIST, a dense network or a small CNN.

    - `"dense"`: Flatten → Dense(128, relu) → Dense(10, softmax) (101,770
      parameters; the course reaches about 0.87-0.88 test accuracy in 5
      epochs).
    - `"cnn"`: [Conv2D(64, 3, relu) → MaxPooling2D(2)] × 2 → Flatten →
      Dense(128, relu) → Dense(10, softmax) (243,786 parameters; about
      0.91-0.92).

    Input: raw `(28, 28, 1)` pixels in [0, 255]; the model divides them by
    255 itself (a `Rescaling` layer, as the course divides the arrays).
    Compiled with Adam, sparse categorical cross-entropy (integer labels)
    and accuracy.

    Args:
        architecture: `"dense"` or `"cnn"`. Defaults to `"dense"`.
        optimizer: a Keras optimizer or its name; None for Adam(1e-3).

    Example:

    >>> FashionMNISTClassifier("cnn").count_params()
    243786
    """

    CLASS_NAMES = (
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    )  # fmt: skip

    def __init__(self, architecture="dense", optimizer=None, **kwargs):
        check_backend(type(self).__name__)
        architecture = check_choice("architecture", architecture, ("dense", "cnn"))
        inputs, x = image_input((28, 28, 1))
        if architecture == "cnn":
            for index in range(2):
                x = keras.layers.Conv2D(64, 3, activation="relu", name=f"conv_{index}")(
                    x
                )
                x = keras.layers.MaxPooling2D(2, name=f"pool_{index}")(x)
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dense(128, activation="relu", name="hidden")(x)
        outputs = keras.layers.Dense(10, activation="softmax", name="prediction")(x)
        kwargs.setdefault("name", f"fashion_mnist_{architecture}")
        super().__init__(inputs, outputs, self.CLASS_NAMES, **kwargs)
        self.architecture = architecture
        self.compile_course(optimizer, ADAM, "sparse_categorical_crossentropy")

    def get_config(self):
        return {
            "name": self.name,
            "architecture": self.architecture,
            "optimizer": self.optimizer_config,
        }


@keras_course_export("keras_course.applications.HorseOrHumanClassifier")
class HorseOrHumanClassifier(ImageClassifier):
    """Course 1 week 4: horses or humans from 300×300 images.

    [Conv2D(3×3, relu) → MaxPooling2D(2)] with 16, 32, 64, 64, 64 filters →
    Flatten → Dense(512, relu) → Dense(1, sigmoid): 1,704,097 parameters at
    300×300, the course model. `input_shape=(150, 150, 3)` builds the
    course's 150×150 variant with three blocks (16, 32, 64). Compiled with
    RMSprop(1e-3), binary cross-entropy (labels 0/1) and accuracy, as in the
    course (about 0.85 validation accuracy after 15 epochs there). Inputs
    are raw pixels in [0, 255]; the model rescales them by 1/255 (the
    course's `rescale=1/255`).

    Args:
        input_shape: `(height, width, 3)`. Defaults to `(300, 300, 3)`.
        blocks: int or None, how many conv blocks (None: 5 for images of at
            least 300×300, else 3).
        class_names: the two classes, in label order. Defaults to
            `("horses", "humans")` (the folder names, sorted).
        optimizer: a Keras optimizer or its config; None for RMSprop(1e-3).

    Example:

    >>> HorseOrHumanClassifier().count_params()
    1704097
    """

    FILTERS = (16, 32, 64, 64, 64)

    def __init__(
        self,
        input_shape=(300, 300, 3),
        blocks=None,
        class_names=("horses", "humans"),
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        inputs, x = image_input(input_shape, channels=3)
        if blocks is None:
            blocks = 5 if min(inputs.shape[1:3]) >= 300 else 3
        if blocks not in range(1, 6):
            raise ValueError(f"`blocks` must be in 1..5. Received: blocks={blocks!r}")
        class_names = check_class_names(class_names, 2)
        x = conv_blocks(x, self.FILTERS[:blocks])
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dense(512, activation="relu", name="hidden")(x)
        outputs = classifier_output(x, 2)
        kwargs.setdefault("name", "horse_or_human")
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.input_shape_arg, self.blocks = tuple(inputs.shape[1:]), blocks
        self.compile_course(optimizer, RMSPROP, "binary_crossentropy")

    def get_config(self):
        return {
            "name": self.name,
            "input_shape": list(self.input_shape_arg),
            "blocks": self.blocks,
            "class_names": self.class_names,
            "optimizer": self.optimizer_config,
        }


@keras_course_export("keras_course.applications.CatsVsDogsClassifier")
class CatsVsDogsClassifier(ImageClassifier):
    """Course 2 weeks 1-2: cats vs dogs, with the course's augmentation.

    [Conv2D(3×3, relu) → MaxPooling2D(2)] with 16, 32, 64 filters → Flatten
    → Dense(512, relu) → Dense(1, sigmoid) at 150×150 (9,494,561
    parameters). `augment=True` puts `course_augmentation()` (rotation 40,
    shifts 0.2, shear 0.2, zoom 0.2, horizontal flip) in front, inside the
    model, so it runs in training only and saves with the model (the course
    reaches about 0.72 validation accuracy without it, 0.75+ with it and no
    overfitting). Compiled with RMSprop(1e-3), binary cross-entropy (labels
    0/1), accuracy; inputs are raw pixels in [0, 255], rescaled by 1/255
    inside the model.

    Args:
        input_shape: `(height, width, 3)`. Defaults to `(150, 150, 3)`.
        augment: bool. Defaults to False.
        class_names: defaults to `("cats", "dogs")`.
        optimizer: None for RMSprop(1e-3).
        seed: int or None, seed of the augmentation.

    Example:

    >>> CatsVsDogsClassifier().count_params()
    9494561
    """

    def __init__(
        self,
        input_shape=(150, 150, 3),
        augment=False,
        class_names=("cats", "dogs"),
        optimizer=None,
        seed=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        inputs, x = image_input(input_shape, channels=3)
        class_names = check_class_names(class_names, 2)
        x = course_augmentation(seed=seed)(x) if augment else x
        x = conv_blocks(x, (16, 32, 64))
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dense(512, activation="relu", name="hidden")(x)
        outputs = classifier_output(x, 2)
        kwargs.setdefault("name", "cats_vs_dogs")
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.input_shape_arg = tuple(inputs.shape[1:])
        self.augment, self.seed = bool(augment), seed
        self.compile_course(optimizer, RMSPROP, "binary_crossentropy")

    def get_config(self):
        return {
            "name": self.name,
            "input_shape": list(self.input_shape_arg),
            "augment": self.augment,
            "class_names": self.class_names,
            "optimizer": self.optimizer_config,
            "seed": self.seed,
        }


@keras_course_export("keras_course.applications.RockPaperScissorsClassifier")
class RockPaperScissorsClassifier(ImageClassifier):
    """Course 2 week 4: rock, paper, scissors, three classes.

    [Conv2D(3×3, relu) → MaxPooling2D(2)] with 64, 64, 128, 128 filters →
    Flatten → Dropout(0.5) → Dense(512, relu) → Dense(3, softmax) at
    150×150 (3,473,475 parameters; about 0.95-0.97 validation accuracy in
    the course). Compiled with RMSprop, sparse categorical cross-entropy
    (integer labels 0, 1, 2, where the course one-hot encodes them: the same
    loss) and accuracy; inputs are raw pixels in [0, 255], rescaled by 1/255
    inside the model.

    Args:
        input_shape: `(height, width, 3)`. Defaults to `(150, 150, 3)`.
        dropout: float in [0, 1). Defaults to 0.5.
        class_names: defaults to `("paper", "rock", "scissors")` (the
            folder names, sorted).
        optimizer: None for RMSprop(1e-3) (Keras's `"rmsprop"`).

    Example:

    >>> RockPaperScissorsClassifier().count_params()
    3473475
    """

    def __init__(
        self,
        input_shape=(150, 150, 3),
        dropout=0.5,
        class_names=("paper", "rock", "scissors"),
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        inputs, x = image_input(input_shape, channels=3)
        dropout = check_fraction("dropout", dropout)
        class_names = check_class_names(class_names, 3)
        x = conv_blocks(x, (64, 64, 128, 128))
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dropout(dropout, name="dropout")(x)
        x = keras.layers.Dense(512, activation="relu", name="hidden")(x)
        outputs = classifier_output(x, 3)
        kwargs.setdefault("name", "rock_paper_scissors")
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.input_shape_arg, self.dropout = tuple(inputs.shape[1:]), dropout
        self.compile_course(optimizer, RMSPROP, "sparse_categorical_crossentropy")

    def get_config(self):
        return {
            "name": self.name,
            "input_shape": list(self.input_shape_arg),
            "dropout": self.dropout,
            "class_names": self.class_names,
            "optimizer": self.optimizer_config,
        }
