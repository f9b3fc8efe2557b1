"""Argument checks shared by constructors and loaders.

Errors follow Keras's wording: "`arg` must be ... Received: arg=value".
"""

import numbers

import numpy as np


def check_int(name, value, minimum=1):
    """Returns `value` if it is an int >= `minimum`, else raises ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"`{name}` must be an int. Received: {name}={value!r}")
    if value < minimum:
        what = "a positive int" if minimum == 1 else f"an int >= {minimum}"
        raise ValueError(f"`{name}` must be {what}. Received: {name}={value!r}")
    return int(value)


def check_number(name, value, positive=False, minimum=None):
    """Returns `value` as a float if it is a finite real number (positive,
    or at least `minimum`, when asked), else raises ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"`{name}` must be a number. Received: {name}={value!r}")
    if not np.isfinite(value) or (positive and value <= 0):
        what = "a positive finite number" if positive else "a finite number"
        raise ValueError(f"`{name}` must be {what}. Received: {name}={value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"`{name}` must be >= {minimum:g}. Received: {name}={value!r}")
    return float(value)


def check_choice(name, value, choices):
    if value not in choices:
        raise ValueError(
            f"`{name}` must be one of {sorted(choices)}. Received: {name}={value!r}"
        )
    return value


def check_split(split_time, length, name="split_time"):
    """Returns `split_time` if it splits a series of `length` steps in two."""
    split_time = check_int(name, split_time)
    if not 1 <= split_time < length:
        raise ValueError(
            f"`{name}` must lie inside the series (1 <= {name} < {length}). "
            f"Received: {name}={split_time}"
        )
    return split_time


def check_window(series, window_size, extra=0, name="window_size"):
    """Returns `window_size` if `window_size + extra` steps fit in `series`."""
    window_size = check_int(name, window_size)
    if window_size + extra > len(series):
        raise ValueError(
            f"`{name}` is too large for the series: windows need "
            f"{window_size + extra} steps, the series has {len(series)}. "
            f"Received: {name}={window_size}"
        )
    return window_size


def check_series(series, name="series", allow_2d=False):
    """Returns `series` as a finite float32 numpy array of rank 1 (or 2)."""
    try:
        array = np.asarray(series, dtype="float32")
    except (TypeError, ValueError) as e:
        raise ValueError(
            f"`{name}` must be numeric. Received: {name} of type "
            f"{type(series).__name__} ({e})"
        ) from e
    ranks = (1, 2) if allow_2d else (1,)
    if array.ndim not in ranks:
        want = "(time,) or (time, features)" if allow_2d else "(time,)"
        raise ValueError(
            f"`{name}` must have shape {want}. Received: {name} with shape "
            f"{array.shape}"
        )
    if array.shape[0] == 0:
        raise ValueError(f"`{name}` must not be empty. Received: {name}.shape=(0,)")
    return check_finite(array, name)


def check_finite(array, name):
    """Returns `array` if it holds no NaN or infinity, else a ValueError
    naming `name` and how many values are bad."""
    if not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(
            f"`{name}` must not contain NaN or infinite values. Received: {name} "
            f"with {bad} non-finite value(s)"
        )
    return array


def is_series_like(value):
    """Whether `value` is data for one series (not a dataset or a dict).

    The one rule the forecaster's `fit`, `evaluate` and `forecast` share:
    numpy arrays, lists, tuples, pandas Series and TensorFlow or JAX tensors
    (anything with `__array__`) are series; a `tf.data.Dataset`, a
    `keras.utils.PyDataset`, a generator or a dict is not.
    """
    if isinstance(value, (np.ndarray, list, tuple)):
        return True
    if isinstance(value, dict) or hasattr(value, "element_spec"):
        return False
    return hasattr(value, "__array__")


def check_strings(texts, name="texts"):
    """`texts` as a list of strings; a single string or a non-string item is
    a TypeError (naming the item's index)."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"`{name}` must be a list of strings, not a single string. Wrap it: "
            f"[{texts[:30]!r}]."
        )
    texts = list(texts)
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(
                f"Every item of `{name}` must be a string. Item {index} is of "
                f"type {type(text).__name__}: {text!r:.60}"
            )
    return texts


def strings_or_one(texts, name="texts"):
    """`(texts as a list, single)`: one string is a batch of one, and a verb
    given one string answers with one result (the application contract)."""
    if isinstance(texts, str):
        return [texts], True
    texts = check_strings(texts, name)
    if not texts:
        raise ValueError(f"`{name}` is empty: give one text or a list of them.")
    return texts, False


def check_batch(values, name, item_shape, item="item"):
    """`(batch, single)`: `values` as a float32 array with a batch axis first,
    for a verb that takes one item or a batch (the application contract).

    `item_shape` is one item's shape (an axis name such as "samples" for
    any size on that axis): an array of that rank is one item (an `item`,
    as the message calls it), made a batch of one (`single` True); one axis
    more is a batch. Empty, of another rank or shape, not numbers, or
    holding NaN or infinity: a ValueError or TypeError naming `name`.
    """
    try:
        array = np.asarray(values, dtype="float32")
    except (TypeError, ValueError) as e:
        raise TypeError(
            f"`{name}` must be numbers. Received: {name} of type "
            f"{type(values).__name__} ({e})"
        ) from e
    item_shape = tuple(item_shape)
    single = array.ndim == len(item_shape)
    if single:
        array = array[None]
    fits = array.ndim == len(item_shape) + 1 and all(
        isinstance(want, str) or got == want
        for got, want in zip(array.shape[1:], item_shape, strict=True)
    )
    if not fits:
        shape = ", ".join(map(str, item_shape))
        one = f"({shape},)" if len(item_shape) == 1 else f"({shape})"
        raise ValueError(
            f"`{name}` must be one {item} of shape {one} "
            f"or a batch of them (n, {shape}). Received: {name} with shape "
            f"{np.shape(values)}"
        )
    if array.shape[0] == 0:
        raise ValueError(f"`{name}` is empty: give one item or a batch of them.")
    return check_finite(array, name), single


def check_images(images, input_shape, name="images"):
    """`check_batch` for raw pixels of a model's `input_shape` `(height,
    width, channels)`; grayscale images may leave out the channel axis."""
    input_shape = tuple(input_shape)
    if input_shape[-1] == 1 and np.ndim(images) in (2, 3):
        if np.shape(images)[-2:] == input_shape[:2]:
            images = np.asarray(images)[..., None]
    return check_batch(images, name, input_shape, item="image")


def check_unit_interval(name, value):
    """Returns `value` as a float if it is a number in [0, 1]."""
    value = check_number(name, value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"`{name}` must be in [0, 1]. Received: {name}={value}")
    return value


def check_fraction(name, value):
    """Returns `value` as a float if it is a number in [0, 1) (a dropout
    rate, a smoothing factor)."""
    value = check_number(name, value)
    if not 0.0 <= value < 1.0:
        raise ValueError(f"`{name}` must be in [0, 1). Received: {name}={value}")
    return value


def check_image_shape(input_shape, channels=None):
    """`input_shape` as a tuple of ints `(height, width, channels)`; with
    `channels`, the last entry must be that."""
    try:
        shape = tuple(int(v) for v in input_shape)
    except (TypeError, ValueError):
        shape = None
    wanted = "channels" if channels is None else str(channels)
    if (
        shape is None
        or len(shape) != 3
        or min(shape) < 1
        or channels not in (None, shape[-1])
    ):
        raise ValueError(
            f"`input_shape` must be (height, width, {wanted}), positive ints. "
            f"Received: input_shape={input_shape!r}"
        )
    return shape
