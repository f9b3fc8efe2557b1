"""Course 2 week 3: transfer learning from a pre-trained Keras base."""

import copy

import keras

from keras_course._backend import check_backend
from keras_course._validation import (
    check_choice,
    check_fraction,
    check_int,
)
from keras_course.api_export import keras_course_export
from keras_course.applications._images import image_input
from keras_course.applications._optimizers import course_optimizer, fine_tune_rate
from keras_course.applications._weights import imagenet_base
from keras_course.applications.vision.image_classifier import (
    ImageClassifier,
    check_class_names,
    classifier_output,
)

# The Keras application class and the file its ImageNet download is cached as.
BASES = {
    "inception_v3": (
        "InceptionV3",
        "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
    ),
    "mobilenet_v2": (
        "MobileNetV2",
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_<size>_no_top.h5",
    ),
}
DEFAULT_CUT = {"inception_v3": "mixed7", "mobilenet_v2": None}
# Pixels [0, 255] -> the base's input: the course's 1/255 for InceptionV3,
# MobileNetV2's own preprocess_input ([-1, 1]).
PIXEL_SCALING = {"inception_v3": (1 / 255, 0.0), "mobilenet_v2": (1 / 127.5, -1.0)}
RMSPROP_1E4 = {"class_name": "RMSprop", "config": {"learning_rate": 1e-4}}


def _base(base, weights, input_shape, input_tensor=None):
    """The Keras application without its top; a clear error when offline."""
    class_name, filename = BASES[base]
    return imagenet_base(
        lambda: getattr(keras.applications, class_name)(
            include_top=False,
            weights=weights,
            input_shape=input_shape,
            input_tensor=input_tensor,
        ),
        weights,
        class_name,
        filename,
        "pass weights=None (random initial weights), or "
        "weights='/path/to/the/file.h5' for a local copy.",
    )


def _cut_names(model):
    """The layer names a user would cut at (block outputs), for errors."""
    names = [
        layer.name
        for layer in model.layers
        if layer.name.startswith(("mixed", "block_"))
        and "_" not in layer.name[5:]
        or layer.name.endswith("_add")
        or layer.name == "out_relu"
    ]
    return names or [layer.name for layer in model.layers[-5:]]


@keras_course_export("keras_course.applications.TransferLearningClassifier")
class TransferLearningClassifier(ImageClassifier):
    """Course 2 week 3: a frozen pre-trained base, cut, with a new head.

    The course loads `InceptionV3(include_top=False, input_shape=(150, 150,
    3))` with the ImageNet weights, freezes it, cuts it at layer `"mixed7"`
    (7×7×768), and adds Flatten → Dense(1024, relu) → Dropout(0.2) →
    Dense(1, sigmoid), compiled with RMSprop(1e-4) and binary cross-entropy
    (about 0.96 validation accuracy on cats vs dogs). That is this model at
    its defaults: 47,512,481 parameters, 38,537,217 of them trainable (the
    head). `architecture="mobilenet_v2"` uses
    `keras.applications.MobileNetV2` instead (cut at its last layer unless
    `cut_layer` says otherwise).

    The ImageNet weights come through Keras's own download and cache
    (`$KERAS_HOME/models`); offline that fails with a message saying so, and
    `weights=None` builds the same model with random weights. A saved model
    reloads without any download. Inputs are raw pixels in [0, 255]; a
    `Rescaling` layer in front of the base scales them as the course does
    (`rescale=1/255`) for InceptionV3, and to MobileNetV2's own [-1, 1]
    (its `preprocess_input`) for MobileNetV2. Labels are integers: 0/1 for
    one sigmoid unit, class indices for a softmax (sparse cross-entropy; the
    course's one-hot labels give the same loss).

    `fine_tune(at)` unfreezes the base from layer `at` on and recompiles at
    a tenth of the rate (the course's second phase of transfer learning).

    Args:
        num_classes: int >= 1; 1 or 2 give one sigmoid unit, more a softmax.
        architecture: the base, `"inception_v3"` or `"mobilenet_v2"`.
        cut_layer: name of the base layer whose output feeds the head; None
            for the whole base. Defaults to `"mixed7"` for InceptionV3.
        weights: `"imagenet"`, None, or a path to a weights file.
        input_shape: `(height, width, 3)`. Defaults to `(150, 150, 3)`.
        head_units: int, units of the Dense layer. Defaults to 1024.
        dropout: float in [0, 1). Defaults to 0.2.
        fine_tune_at: None (all of the base frozen), or the index or name
            of the first base layer to train, as after `fine_tune(at)`.
        class_names: names of the classes; defaults to `class_0`, `class_1`...
        optimizer: None for RMSprop(1e-4).

    Example:

    >>> model = TransferLearningClassifier(weights=None)
    >>> model.get_layer("mixed7").output.shape
    (None, 7, 7, 768)
    >>> model.count_params(), sum(
    ...     keras.ops.size(w) for w in model.trainable_weights).__int__()
    (47512481, 38537217)
    """

    def __init__(
        self,
        num_classes=1,
        architecture="inception_v3",
        cut_layer="default",
        weights="imagenet",
        input_shape=(150, 150, 3),
        head_units=1024,
        dropout=0.2,
        fine_tune_at=None,
        class_names=None,
        optimizer=None,
        **kwargs,
    ):
        check_backend(type(self).__name__)
        num_classes = check_int("num_classes", num_classes)
        architecture = check_choice("architecture", architecture, tuple(BASES))
        head_units = check_int("head_units", head_units)
        dropout = check_fraction("dropout", dropout)
        if cut_layer == "default":
            cut_layer = DEFAULT_CUT[architecture]
        if class_names is None:
            class_names = [f"class_{i}" for i in range(max(num_classes, 2))]
        class_names = check_class_names(class_names, max(num_classes, 2))

        inputs, pixels = image_input(input_shape, 3, *PIXEL_SCALING[architecture])
        backbone = _base(architecture, weights, tuple(inputs.shape[1:]), pixels)
        # The base's layers without the rescaling, so that indices count as
        # in the Keras application (0 is the input). Names, not the layers:
        # a model tracks layers set as attributes, and the layers past the
        # cut are not part of this one.
        self._base_layer_names = [
            layer.name for layer in backbone.layers if layer.name != "rescale"
        ]
        names = self._base_layer_names
        if cut_layer is not None and cut_layer not in names:
            raise ValueError(
                f"`cut_layer` {cut_layer!r} is not a layer of {architecture}. "
                f"Valid block outputs: {_cut_names(backbone)}"
            )
        features = (
            backbone.output
            if cut_layer is None
            else backbone.get_layer(cut_layer).output
        )
        x = keras.layers.Flatten(name="flatten")(features)
        x = keras.layers.Dense(head_units, activation="relu", name="hidden")(x)
        x = keras.layers.Dropout(dropout, name="dropout")(x)
        outputs = classifier_output(x, num_classes)
        kwargs.setdefault("name", f"transfer_{architecture}")
        super().__init__(inputs, outputs, class_names, **kwargs)
        self.num_classes, self.architecture = num_classes, architecture
        self.cut_layer, self.weights_source = cut_layer, weights
        self.input_shape_arg = tuple(inputs.shape[1:])
        self.head_units, self.dropout = head_units, dropout
        self.fine_tune_at = None
        self._freeze_before(fine_tune_at)
        loss = (
            "binary_crossentropy"
            if num_classes <= 2
            else "sparse_categorical_crossentropy"
        )
        self.compile_course(optimizer, RMSPROP_1E4, loss)

    def _freeze_before(self, at):
        """Trains the base from layer `at` (index or name) on; None: none."""
        names = self._base_layer_names
        first = len(names)
        if isinstance(at, str):
            if at not in names:
                raise ValueError(
                    f"`fine_tune_at` {at!r} is not a layer of {self.architecture}. "
                    f"Received: fine_tune_at={at!r}"
                )
            first = names.index(at)
        elif at is not None:
            first = check_int("fine_tune_at", at, minimum=0)
            if first >= len(names):
                raise ValueError(
                    f"`fine_tune_at` must be below the base's {len(names)} "
                    f"layers. Received: fine_tune_at={at}"
                )
        in_model = {layer.name: layer for layer in self.layers}
        for index, name in enumerate(names):
            if name in in_model:
                in_model[name].trainable = index >= first
        self.fine_tune_at = at

    def fine_tune(self, at, learning_rate=None):
        """Unfreezes the base from layer `at` (an index or a name) on and
        recompiles with a fresh optimizer of the same kind.

        Args:
            at: int or str, the first base layer to train.
            learning_rate: float, or None for a tenth of the current rate.

        Returns:
            The model, recompiled.
        """
        learning_rate = fine_tune_rate(self.optimizer, learning_rate)
        self._freeze_before(at)
        current = keras.optimizers.deserialize(copy.deepcopy(self.optimizer_config))
        config = {**current.get_config(), "learning_rate": learning_rate}
        optimizer, self.optimizer_config = course_optimizer(
            type(current).from_config(config), RMSPROP_1E4
        )
        self.compile(optimizer, self.loss, metrics=["accuracy"])
        return self

    def get_config(self):
        return {
            "name": self.name,
            "num_classes": self.num_classes,
            "architecture": self.architecture,
            "cut_layer": self.cut_layer,
            "weights": self.weights_source,
            "input_shape": list(self.input_shape_arg),
            "head_units": self.head_units,
            "dropout": self.dropout,
            "fine_tune_at": self.fine_tune_at,
            "class_names": self.class_names,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()`, without any download.

        Loading a saved model restores its weights from the file, so the
        base is built with `weights=None`.
        """
        return cls(**{**config, "weights": None})
