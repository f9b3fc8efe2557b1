"""The course optimizer an application compiles with, kept for `get_config`."""

import copy

import keras


def course_optimizer(optimizer, default):
    """`(optimizer, its serialized config)` for `optimizer`, or the course's
    `default` (a config dict) when it is None."""
    # keras.optimizers.get rewrites a config dict in place: give it a copy, so
    # a config passed back to from_config stays as it was.
    optimizer = keras.optimizers.get(
        copy.deepcopy(default if optimizer is None else optimizer)
    )
    return optimizer, keras.optimizers.serialize(optimizer)
