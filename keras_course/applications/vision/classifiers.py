"""The classifiers of TensorFlow in Practice, courses 1-2, one line each."""

import keras

from keras_course._validation import check_choice, check_fraction
from keras_course.api_export import keras_course_export
from keras_course.applications.vision.image_classifier import (
    ImageClassifier,
    check_class_names,
    check_image_size,
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

    Input `(28, 28, 1)` pixels scaled to [0, 1] (the course divides by 255).
    Compiled with Adam, sparse categorical cross-entropy and accuracy.

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
        architecture = check_choice("architecture", architecture, ("dense", "cnn"))
        inputs = keras.Input((28, 28, 1), name="image")
        x = inputs
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
    300×300, the course model. `image_size=150` builds the course's
    150×150 variant with three blocks (16, 32, 64). Compiled with
    RMSprop(1e-3), binary cross-entropy and accuracy, as in the course
    (about 0.85 validation accuracy after 15 epochs there). Inputs are
    pixels scaled to [0, 1].

    Args:
        image_size: int, the square input size. Defaults to 300.
        blocks: int or None, how many conv blocks (None: 5 for sizes of at
            least 300, else 3).
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
        image_size=300,
        blocks=None,
        class_names=("horses", "humans"),
        optimizer=None,
        **kwargs,
    ):
        image_size = check_image_size(image_size)
        if blocks is None:
            blocks = 5 if image_size >= 300 else 3
        if blocks not in range(1, 6):
            raise ValueError(f"`blocks` must be in 1..5. Received: blocks={blocks!r}")
        class_names = check_class_names(class_names, 2)
        inputs = keras.Input((image_size, image_size, 3), name="image")
        x = conv_blocks(inputs, self.FILTERS[:blocks])
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dense(512, activation="relu", name="hidden")(x)
        outputs = classifier_output(x, 2)
        kwargs.setdefault("name", "horse_or_human")
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.image_size, self.blocks = image_size, blocks
        self.compile_course(optimizer, RMSPROP, "binary_crossentropy")

    def get_config(self):
        return {
            "name": self.name,
            "image_size": self.image_size,
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
    overfitting). Compiled with RMSprop(1e-3), binary cross-entropy,
    accuracy; inputs scaled to [0, 1].

    Args:
        image_size: int. Defaults to 150.
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
        image_size=150,
        augment=False,
        class_names=("cats", "dogs"),
        optimizer=None,
        seed=None,
        **kwargs,
    ):
        image_size = check_image_size(image_size)
        class_names = check_class_names(class_names, 2)
        inputs = keras.Input((image_size, image_size, 3), name="image")
        x = course_augmentation(seed=seed)(inputs) if augment else inputs
        x = conv_blocks(x, (16, 32, 64))
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dense(512, activation="relu", name="hidden")(x)
        outputs = classifier_output(x, 2)
        kwargs.setdefault("name", "cats_vs_dogs")
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.image_size, self.augment, self.seed = image_size, bool(augment), seed
        self.compile_course(optimizer, RMSPROP, "binary_crossentropy")

    def get_config(self):
        return {
            "name": self.name,
            "image_size": self.image_size,
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
    the course). Compiled with RMSprop, categorical cross-entropy
    (one-hot labels: `image_folder_dataset(..., label_mode="categorical")`)
    and accuracy.

    Args:
        image_size: int. Defaults to 150.
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
        image_size=150,
        dropout=0.5,
        class_names=("paper", "rock", "scissors"),
        optimizer=None,
        **kwargs,
    ):
        image_size = check_image_size(image_size)
        dropout = check_fraction("dropout", dropout)
        class_names = check_class_names(class_names, 3)
        inputs = keras.Input((image_size, image_size, 3), name="image")
        x = conv_blocks(inputs, (64, 64, 128, 128))
        x = keras.layers.Flatten(name="flatten")(x)
        x = keras.layers.Dropout(dropout, name="dropout")(x)
        x = keras.layers.Dense(512, activation="relu", name="hidden")(x)
        outputs = classifier_output(x, 3)
        kwargs.setdefault("name", "rock_paper_scissors")
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.image_size, self.dropout = image_size, dropout
        self.compile_course(optimizer, RMSPROP, "categorical_crossentropy")

    def get_config(self):
        return {
            "name": self.name,
            "image_size": self.image_size,
            "dropout": self.dropout,
            "class_names": self.class_names,
            "optimizer": self.optimizer_config,
        }
