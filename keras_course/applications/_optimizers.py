"""The course optimizer an application compiles with, kept for `get_config`."""

import copy

import keras

from keras_course._validation import check_number


def course_optimizer(optimizer, default):
    """`(optimizer, its serialized config)` for `optimizer`, or the course's
    `default` (a config dict) when it is None."""
    # keras.optimizers.get rewrites a config dict in place: give it a copy, so
    # a config passed back to from_config stays as it was.
    optimizer = keras.optimizers.get(
        copy.deepcopy(default if optimizer is None else optimizer)
    )
    return optimizer, keras.optimizers.serialize(optimizer)


def fine_tune_rate(optimizer, learning_rate):
    """The rate of the course's second, fine-tuning phase: `learning_rate`,
    or a tenth of `optimizer`'s current rate when it is None."""
    if learning_rate is None:
        learning_rate = 0.1 * float(keras.ops.convert_to_numpy(optimizer.learning_rate))
    return check_number("learning_rate", learning_rate, positive=True)
