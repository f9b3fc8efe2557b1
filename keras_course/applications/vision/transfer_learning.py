"""Course 2 week 3: transfer learning from a pre-trained Keras base."""

import keras

from keras_course._validation import (
    check_choice,
    check_fraction,
    check_image_shape,
    check_int,
)
from keras_course.api_export import keras_course_export
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
RMSPROP_1E4 = {"class_name": "RMSprop", "config": {"learning_rate": 1e-4}}


def _base(base, weights, input_shape):
    """The Keras application without its top; a clear error when offline."""
    class_name, filename = BASES[base]
    try:
        return getattr(keras.applications, class_name)(
            include_top=False, weights=weights, input_shape=input_shape
        )
    except Exception as e:
        if weights != "imagenet":
            raise
        raise OSError(
            f"Could not get the ImageNet weights of {class_name} ({e}). Keras "
            f"downloads them once into $KERAS_HOME/models ({filename}). "
            "Offline: pass weights=None (random initial weights), or "
            "weights='/path/to/the/file.h5' for a local copy."
        ) from e


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
    head). `base="mobilenet_v2"` uses `keras.applications.MobileNetV2`
    instead (cut at its last layer unless `cut_layer` says otherwise).

    The ImageNet weights come through Keras's own download and cache
    (`$KERAS_HOME/models`); offline that fails with a message saying so, and
    `weights=None` builds the same model with random weights. A saved model
    reloads without any download. Inputs: pixels scaled to [0, 1] as in the
    course (`rescale=1/255`); for MobileNetV2's own [-1, 1] scaling use
    `image_folder_dataset(..., rescale=None)` and
    `keras.applications.mobilenet_v2.preprocess_input`.

    Args:
        num_classes: int >= 1; 1 or 2 give one sigmoid unit, more a softmax.
        base: `"inception_v3"` or `"mobilenet_v2"`.
        cut_layer: name of the base layer whose output feeds the head; None
            for the whole base. Defaults to `"mixed7"` for InceptionV3.
        weights: `"imagenet"`, None, or a path to a weights file.
        input_shape: `(height, width, 3)`. Defaults to `(150, 150, 3)`.
        head_units: int, units of the Dense layer. Defaults to 1024.
        dropout: float in [0, 1). Defaults to 0.2.
        fine_tune_from: None (all of the base frozen), or the index or name
            of the first base layer to train.
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
        base="inception_v3",
        cut_layer="default",
        weights="imagenet",
        input_shape=(150, 150, 3),
        head_units=1024,
        dropout=0.2,
        fine_tune_from=None,
        class_names=None,
        optimizer=None,
        **kwargs,
    ):
        num_classes = check_int("num_classes", num_classes)
        base = check_choice("base", base, tuple(BASES))
        head_units = check_int("head_units", head_units)
        dropout = check_fraction("dropout", dropout)
        input_shape = check_image_shape(input_shape, channels=3)
        if cut_layer == "default":
            cut_layer = DEFAULT_CUT[base]
        if class_names is None:
            class_names = [f"class_{i}" for i in range(max(num_classes, 2))]
        class_names = check_class_names(class_names, max(num_classes, 2))

        backbone = _base(base, weights, input_shape)
        names = [layer.name for layer in backbone.layers]
        if cut_layer is not None and cut_layer not in names:
            raise ValueError(
                f"`cut_layer` {cut_layer!r} is not a layer of {base}. Valid "
                f"block outputs: {_cut_names(backbone)}"
            )
        first_trainable = len(names)
        if fine_tune_from is not None:
            if isinstance(fine_tune_from, str):
                if fine_tune_from not in names:
                    raise ValueError(
                        f"`fine_tune_from` {fine_tune_from!r} is not a layer of "
                        f"{base}. Received: fine_tune_from={fine_tune_from!r}"
                    )
                first_trainable = names.index(fine_tune_from)
            else:
                first_trainable = check_int("fine_tune_from", fine_tune_from, minimum=0)
        for index, layer in enumerate(backbone.layers):
            layer.trainable = index >= first_trainable
        features = (
            backbone.output
            if cut_layer is None
            else backbone.get_layer(cut_layer).output
        )
        x = keras.layers.Flatten(name="flatten")(features)
        x = keras.layers.Dense(head_units, activation="relu", name="hidden")(x)
        x = keras.layers.Dropout(dropout, name="dropout")(x)
        outputs = classifier_output(x, num_classes)
        kwargs.setdefault("name", f"transfer_{base}")
        super().__init__(backbone.input, outputs, class_names, **kwargs)
        self.num_classes, self.base, self.cut_layer = num_classes, base, cut_layer
        self.weights_source = weights
        self.input_shape_arg = input_shape
        self.head_units, self.dropout = head_units, dropout
        self.fine_tune_from = fine_tune_from
        loss = "binary_crossentropy" if num_classes <= 2 else "categorical_crossentropy"
        self.compile_course(optimizer, RMSPROP_1E4, loss)

    def get_config(self):
        return {
            "name": self.name,
            "num_classes": self.num_classes,
            "base": self.base,
            "cut_layer": self.cut_layer,
            "weights": self.weights_source,
            "input_shape": list(self.input_shape_arg),
            "head_units": self.head_units,
            "dropout": self.dropout,
            "fine_tune_from": self.fine_tune_from,
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
