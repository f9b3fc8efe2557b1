"""No bad value accepted silently: a sweep over every public class.

For every class in `keras_course.applications`, `.layers` and `.callbacks`
(read from `__all__`, so a new class is covered without editing this file),
every constructor argument whose valid value is a number is given bad
values in turn: NaN, infinity, -1, a string, and 0.5 where a count is
expected. Each must raise a ValueError or TypeError naming the argument
(`` `name` ``) and the value received. Classes whose constructor needs
arguments get the smallest valid ones in `REQUIRED`.
"""

import inspect
import math
import numbers

import keras
import numpy as np
import pytest

from keras_course import applications, callbacks, layers
from keras_course.applications.nmt.seq2seq_translator import SPECIALS
from keras_course.preprocessing import Tokenizer


def _tokenizer():
    tokenizer = Tokenizer()
    tokenizer.fit_on_texts(["shall i compare thee"])
    return tokenizer


def _tiny_backbone():
    inputs = keras.Input((None, None, 3))
    x = keras.layers.Conv2D(2, 3, padding="same", name="s1")(inputs)
    return keras.Model(inputs, keras.layers.Conv2D(2, 3, name="content")(x))


# The smallest valid arguments of constructors that need some (or whose
# defaults would download weights or build a large model).
REQUIRED = {
    "CharLanguageModel": lambda: dict(characters="\nab"),
    "Emojifier": lambda: dict(
        word_to_index={"hi": 1}, embedding_matrix=np.zeros((2, 2)), sequence_length=4
    ),
    "FaceVerifier": lambda: dict(
        embedding_model=applications.face_encoder((12, 12, 1), 4, (2,))
    ),
    "JazzImproviser": lambda: dict(values=["0,1", "R,0.5"]),
    "MobileNetV2Transfer": lambda: dict(input_shape=(32, 32, 3), weights=None),
    "NeuralStyleTransfer": lambda: dict(
        backbone=_tiny_backbone(), content_layer="content", style_layers=[("s1", 1.0)]
    ),
    "PoetryGenerator": lambda: dict(tokenizer=_tokenizer(), sequence_length=4),
    "Seq2SeqTranslator": lambda: dict(
        source_tokens=[*SPECIALS, "a"],
        target_tokens=[*SPECIALS, "b"],
        sequence_length=3,
        target_length=3,
    ),
    "TransferLearningClassifier": lambda: dict(
        architecture="mobilenet_v2", weights=None, input_shape=(32, 32, 3)
    ),
    "YOLODetector": lambda: dict(num_classes=2, input_shape=(32, 32, 3)),
    "ThresholdStopping": lambda: dict(threshold=0.9),
    "BahdanauAttention": lambda: dict(units=2),
    "ConvolutionalBlock": lambda: dict(kernel_size=3, filters=(2, 2, 4)),
    "IdentityBlock": lambda: dict(kernel_size=3, filters=(2, 2, 4)),
    "Decoder": lambda: dict(
        num_layers=1,
        embedding_dim=4,
        num_heads=2,
        fully_connected_dim=4,
        target_vocab_size=5,
        maximum_position_encoding=6,
    ),  # fmt: skip
    "Encoder": lambda: dict(
        num_layers=1,
        embedding_dim=4,
        num_heads=2,
        fully_connected_dim=4,
        input_vocab_size=5,
        maximum_position_encoding=6,
    ),  # fmt: skip
    "DecoderLayer": lambda: dict(embedding_dim=4, num_heads=2, fully_connected_dim=4),
    "EncoderLayer": lambda: dict(embedding_dim=4, num_heads=2, fully_connected_dim=4),
    "Transformer": lambda: dict(
        num_layers=1,
        embedding_dim=4,
        num_heads=2,
        fully_connected_dim=4,
        input_vocab_size=5,
        target_vocab_size=5,
        max_positional_encoding_input=6,
        max_positional_encoding_target=6,
    ),  # fmt: skip
    "Scale": lambda: dict(factor=2.0),
    "SentencesToIndices": lambda: dict(word_to_index={"hi": 1}, sequence_length=4),
    "SlidingWindow": lambda: dict(window_size=3),
    "UNetDecoderBlock": lambda: dict(filters=2),
    "UNetEncoderBlock": lambda: dict(filters=2),
    "LRFinderResult": lambda: dict(
        lrs=[1e-3, 1e-2], losses=[1.0, 0.9], smoothed_losses=[1.0, 0.95]
    ),  # fmt: skip
}

# Values that are bad for most numbers but right for these.
ALLOWED = {
    ("ExpandDims", "axis"): {-1},  # an axis counted from the end
    ("RandomShear", "fill_value"): {-1},  # any finite pixel value
    ("Scale", "factor"): {-1},  # any finite factor
    ("ThresholdStopping", "threshold"): {-1},  # a metric may be negative
    ("NeuralStyleTransfer", "alpha"): {0.5},  # weights, not counts
    ("NeuralStyleTransfer", "beta"): {0.5},
}


def _classes():
    for module in (applications, layers, callbacks):
        for name in module.__all__:
            cls = getattr(module, name)
            if inspect.isclass(cls):
                yield name, cls


def _numeric_arguments(name, cls):
    """`{argument: its valid value}` for the arguments that take a number."""
    valid = REQUIRED.get(name, dict)()
    found = {}
    for parameter in list(inspect.signature(cls.__init__).parameters.values())[1:]:
        value = valid.get(parameter.name, parameter.default)
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            found[parameter.name] = value
    return valid, found


def _bad_values(value):
    bad = [math.nan, math.inf, -1, "x"]
    if isinstance(value, numbers.Integral):
        bad.append(0.5)  # a count
    return bad


CASES = [
    (name, argument, bad)
    for name, cls in _classes()
    for argument, value in _numeric_arguments(name, cls)[1].items()
    for bad in _bad_values(value)
    if bad not in ALLOWED.get((name, argument), ())
]


def test_the_sweep_covers_every_public_class_with_a_numeric_argument():
    covered = {name for name, _, _ in CASES}
    assert {"YOLODetector", "IdentityBlock", "RandomShear", "ThresholdStopping"} <= (
        covered
    )
    assert len(CASES) > 300


@pytest.mark.parametrize(("name", "argument", "bad"), CASES, ids=str)
def test_a_bad_number_is_refused_naming_the_argument_and_value(name, argument, bad):
    cls = dict(_classes())[name]
    valid, _ = _numeric_arguments(name, cls)
    with pytest.raises((ValueError, TypeError)) as error:
        cls(**{**valid, argument: bad})
    message = str(error.value)
    assert f"`{argument}`" in message, message
    assert str(bad) in message, message
