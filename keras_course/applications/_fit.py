"""The applications' `fit`: bad arrays refused, arrays reshuffled every epoch
on TensorFlow, arrays sharded across processes."""

import math

import keras
import numpy as np

from keras_course._validation import check_finite

# Rows checked for NaN at a time: the check never holds more than this many
# booleans at once (a course-size image set is a gigabyte of pixels).
_CHUNK = 1 << 22


def _as_array(value):
    """`value` as a numpy array if it is an array or a flat list of numbers
    or strings; None for anything else (a dataset, a generator, a dict, a
    list of box dicts), which Keras and the application check themselves."""
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, list) and value:
        scalar = (str, int, float, np.number)
        if all(isinstance(v, scalar) for v in value):
            return np.asarray(value)
        if all(isinstance(v, list) and v for v in value):  # a list of lists
            if all(isinstance(w, scalar) for v in value for w in v):
                return np.asarray(value, dtype=object)  # ragged: 1-D
    return None


def _check_array(array, name, accepts_text, text_only=False):
    if not len(array):
        raise ValueError(
            f"`{name}` must not be empty. Received: {name} with shape {array.shape}"
        )
    if array.dtype == object:  # a list of lists: of texts, or ragged
        try:
            array = np.asarray(array.tolist())
        except ValueError as error:
            raise ValueError(
                f"`{name}` must be a rectangular batch. Received: {name} with rows "
                f"of different lengths ({error})"
            ) from None
    if array.dtype.kind in "USO":
        if not accepts_text:
            raise TypeError(
                f"`{name}` must hold numbers, not text. Received: {name} with "
                f"dtype {array.dtype}"
            )
        if array.ndim != 1:
            raise ValueError(
                f"`{name}` must be a flat list of texts, one per sample. "
                f"Received: {name} with shape {array.shape}"
            )
        return
    if text_only:
        raise TypeError(
            f"`{name}` must hold texts, one per sample. Received: {name} with "
            f"dtype {array.dtype}"
        )
    if array.dtype.kind == "f":
        flat = array.reshape(-1)
        for start in range(0, flat.size, _CHUNK):
            check_finite(flat[start : start + _CHUNK], name)


def _input_shape(model):
    """The shape of the model's one input, or None if unknown or several."""
    try:
        shape = model.input_shape
    except (AttributeError, ValueError):
        return None
    if isinstance(shape, tuple) and all(d is None or isinstance(d, int) for d in shape):
        return shape
    return None


# The shuffle seed of arrays sharded across processes: every process must
# draw the same order, so that each trains on its own part of every batch.
SHARD_SEED = 1337


def across_processes():
    """Whether a `keras.distribution` spans several processes and shards
    the data across them (JAX: `keras.distribution.initialize` was called
    with several processes)."""
    distribution = keras.distribution.distribution()
    if distribution is None or not distribution.auto_shard_dataset:
        return False
    if keras.backend.backend() != "jax":
        return False
    import jax

    return jax.process_count() > 1


def sharded_dataset(x, y=None, sample_weight=None, batch_size=None, shuffle=True):
    """Arrays as the batched `tf.data.Dataset` Keras shards across processes.

    Keras splits every global batch between the processes, so all of them
    must see the same batches in the same order (one fixed shuffle seed,
    `SHARD_SEED`, reshuffled each epoch) and the same number of them: the
    last, partial batch is dropped (at most `batch_size - 1` samples an
    epoch, different ones each epoch when shuffled).
    """
    import tensorflow as tf

    batch_size = 32 if batch_size is None else batch_size
    data = (
        x if y is None else (x, y) if sample_weight is None else (x, y, sample_weight)
    )
    count = len(keras.tree.flatten(x)[0])
    if count < batch_size:
        raise ValueError(
            f"Across processes, `batch_size` ({batch_size}) must not exceed the "
            f"number of samples ({count}): the last, partial batch is dropped."
        )
    dataset = tf.data.Dataset.from_tensor_slices(data)
    if shuffle:
        dataset = dataset.shuffle(count, seed=SHARD_SEED, reshuffle_each_iteration=True)
    return dataset.batch(batch_size, drop_remainder=True)


def _for_processes(x, y, kwargs):
    """`fit`'s arguments with arrays turned into sharded datasets."""
    if kwargs.get("validation_split"):
        raise ValueError(
            "`validation_split` cannot be used across processes: pass "
            "`validation_data`. Received: validation_split="
            f"{kwargs['validation_split']}"
        )
    if x is None or isinstance(x, keras.utils.PyDataset) or hasattr(x, "element_spec"):
        return x, y, kwargs
    if not all(hasattr(v, "shape") for v in keras.tree.flatten(x)):
        return x, y, kwargs  # a generator: Keras says what it needs
    kwargs = dict(kwargs)
    batch_size = kwargs.pop("batch_size", None)
    x = sharded_dataset(
        x,
        y,
        kwargs.pop("sample_weight", None),
        batch_size,
        kwargs.pop("shuffle", True),
    )
    validation = kwargs.get("validation_data")
    if isinstance(validation, (list, tuple)) and validation:
        kwargs["validation_data"] = sharded_dataset(
            *validation, batch_size=batch_size, shuffle=False
        )
    return x, None, kwargs


# `keras.Model.fit`'s arguments after `x` and `y`, for positional calls.
_FIT_ARGUMENTS = (
    "batch_size",
    "epochs",
    "verbose",
    "callbacks",
    "validation_split",
    "validation_data",
    "shuffle",
    "class_weight",
    "sample_weight",
)


def _is_arrays(value):
    return value is not None and all(
        hasattr(leaf, "shape") and not hasattr(leaf, "element_spec")
        for leaf in keras.tree.flatten(value)
    )


def epoch_shuffled_dataset(data, batch_size, seed):
    """Arrays as batches in a new random order every epoch (TensorFlow).

    `data` is a nest of arrays with one leading axis (`(x, y)`, `(x, y,
    sample_weight)` or `x`). Each epoch's iterator draws its permutation from
    one `tf.random.Generator` seeded with `seed`, whose state moves on, so
    the order differs from epoch to epoch and repeats from run to run. The
    batches are gathered from the arrays by index, as Keras's own array
    adapter does, with the number of batches known; numeric numpy arrays are
    read in place, never copied whole (a course-size set of spectrograms or
    pictures is a gigabyte).
    """
    import tensorflow as tf

    floatx = keras.config.floatx()
    data = keras.tree.lists_to_tuples(data)
    leaves = keras.tree.flatten(data)
    count = int(leaves[0].shape[0])
    full = count // batch_size * batch_size
    generator = tf.random.Generator.from_seed(seed)

    def batches(_):
        order = tf.argsort(generator.uniform([count]))
        dataset = tf.data.Dataset.from_tensor_slices(
            tf.reshape(order[:full], [-1, batch_size])
        )
        if full < count:
            dataset = dataset.concatenate(tf.data.Dataset.from_tensors(order[full:]))
        return dataset

    indices = tf.data.Dataset.range(1).flat_map(batches)
    if floatx in ("float16", "float32", "float64") and all(
        _is_numeric_numpy(leaf) for leaf in leaves
    ):
        dataset = indices.map(
            _numpy_gather(data, leaves, floatx), num_parallel_calls=tf.data.AUTOTUNE
        )
    else:
        dataset = _tensor_gather(data, indices, floatx)
    dataset = dataset.apply(
        tf.data.experimental.assert_cardinality(math.ceil(count / batch_size))
    )
    return dataset.prefetch(tf.data.AUTOTUNE)


def _is_numeric_numpy(leaf):
    return isinstance(leaf, np.ndarray) and leaf.dtype.kind in "biuf"


def _numpy_gather(data, leaves, floatx):
    """A `map` function from a batch's indices to the batch, taken from the
    numpy arrays themselves: a `tf.Tensor` of a numpy array not aligned to
    64 bytes (most are not) is a copy of it."""
    import tensorflow as tf

    dtypes = [floatx if a.dtype.kind == "f" else a.dtype for a in leaves]

    def take(indices):
        return [np.asarray(a[indices], d) for a, d in zip(leaves, dtypes, strict=True)]

    def gather(indices):
        out = tf.numpy_function(
            take, [indices], [tf.as_dtype(d) for d in dtypes], stateful=False
        )
        for tensor, leaf in zip(out, leaves, strict=True):
            tensor.set_shape((None, *leaf.shape[1:]))
        return keras.tree.pack_sequence_as(data, out)

    return gather


def _tensor_gather(data, indices, floatx):
    """Batches gathered from `data` as tensors (texts, or tensors already)."""
    import tensorflow as tf

    def as_tensor(array):
        tensor = tf.convert_to_tensor(array)
        if tensor.dtype.is_floating and tensor.dtype != floatx:
            tensor = tf.cast(tensor, floatx)  # as Keras casts float64 arrays
        return tensor

    # tf.data reads a list as one tensor to stack; Keras's nests are tuples.
    tensors = keras.tree.map_structure(as_tensor, data)

    def gather(indices, arrays):
        return keras.tree.map_structure(lambda a: tf.gather(a, indices), arrays)

    arrays = tf.data.Dataset.from_tensors(tensors).repeat()
    return tf.data.Dataset.zip((indices, arrays)).map(
        gather, num_parallel_calls=tf.data.AUTOTUNE
    )


def _reshuffled_each_epoch(x, y, kwargs):
    """`fit`'s arguments with arrays as an `epoch_shuffled_dataset`, on
    TensorFlow, where Keras's array adapter draws one batch order for every
    epoch once a global seed is set (`keras.utils.set_random_seed`): its
    `tf.random.shuffle` restarts with each epoch's iterator. Training on one
    order over and over fits that cycle: the course's poetry model (seed 0,
    30 epochs) scored 0.33 with `evaluate` while `fit` reported 0.68; with a
    new order every epoch, 0.85 and 0.83. Anything else (other
    backends, `shuffle` not True, `steps_per_epoch`, datasets) is left to
    Keras."""
    sample_weight = kwargs.get("sample_weight")
    if (
        keras.backend.backend() != "tensorflow"
        or kwargs.get("shuffle", True) is not True
        or kwargs.get("steps_per_epoch") is not None
        or not _is_arrays(x)
        or (y is not None and not _is_arrays(y))
        # Keras explains these: weights without targets, or with class weights.
        or (sample_weight is not None and (y is None or not _is_arrays(sample_weight)))
        or (sample_weight is not None and kwargs.get("class_weight") is not None)
    ):
        return x, y, kwargs
    kwargs = dict(kwargs)
    kwargs["shuffle"] = False  # the dataset shuffles itself (Keras warns otherwise)
    kwargs.pop("sample_weight", None)
    data = tuple(part for part in (x, y, sample_weight) if part is not None)
    split = kwargs.pop("validation_split", None)
    if split:
        # Keras's split: the last `split` of the samples, before shuffling;
        # `validation_data`, when given, wins.
        at = int(math.floor(len(keras.tree.flatten(x)[0]) * (1.0 - split)))
        validation = keras.tree.map_structure(lambda a: a[at:], data)
        data = keras.tree.map_structure(lambda a: a[:at], data)
        if kwargs.get("validation_data") is None:
            kwargs["validation_data"] = validation
    batch_size = kwargs.pop("batch_size", None) or 32
    # The seed comes from NumPy's global generator, which
    # `keras.utils.set_random_seed` seeds: a seeded run repeats.
    seed = int(np.random.randint(2**31 - 1))  # noqa: NPY002
    return epoch_shuffled_dataset(data, batch_size, seed), None, kwargs


class FitMixin:
    """The applications' `fit` (every application's own `fit`, and Keras's,
    goes through it).

    On arrays it refuses, before any training, an empty `x` or `y`, text
    where numbers belong, NaN or infinity, `x` and `y` of different lengths,
    and an `x` of the wrong rank, with a `ValueError`/`TypeError` naming the
    argument (Keras trains on NaN silently, and reports the rest from deep
    inside its data adapters).

    On TensorFlow, arrays train in a new batch order every epoch
    (`epoch_shuffled_dataset`): Keras's own array adapter repeats one order
    once a global seed is set, and a model trained on one order over and
    over fits that cycle instead of the data.

    Under a `keras.distribution` that spans several processes (JAX), Keras
    takes only a `tf.data.Dataset` it can shard; arrays, the user's or the
    ones an application builds from its own corpus, become one
    (`sharded_dataset`), so every application trains there unchanged.
    Datasets and generators pass through.
    """

    # Whether `x` may hold raw strings (models with a text vectoriser
    # inside), and whether it must.
    _accepts_text = False
    _text_only = False

    def fit(self, x=None, y=None, *args, **kwargs):
        """Keras's `Model.fit`, same arguments and `History`, after checking
        array inputs: an empty `x` or `y`, text where numbers belong, NaN or
        infinity, `x` and `y` of different lengths or an `x` of the wrong
        rank raise a `ValueError` or `TypeError` naming the argument, before
        any training. Datasets and generators pass through unchecked."""
        self._check_fit_arrays(x, y)
        kwargs = {**dict(zip(_FIT_ARGUMENTS, args, strict=False)), **kwargs}
        if across_processes():
            x, y, kwargs = _for_processes(x, y, kwargs)
        else:
            x, y, kwargs = _reshuffled_each_epoch(x, y, kwargs)
        return super().fit(x, y, **kwargs)

    def _check_fit_arrays(self, x, y):
        """The checks of `fit`, for an override that converts `x` first."""
        for name, value in (("x", x), ("y", y)):
            if isinstance(value, (str, bytes)):
                raise TypeError(
                    f"`{name}` must be a batch (an array, a list or a dataset), not "
                    f"a single {type(value).__name__}. Received: {name}={value!r:.80}"
                )
        arrays = {"x": _as_array(x), "y": _as_array(y)}
        for name, array in arrays.items():
            if array is not None:
                text = name == "x"
                _check_array(
                    array, name, self._accepts_text and text, self._text_only and text
                )
        x_array, y_array = arrays["x"], arrays["y"]
        if x_array is not None and y_array is not None:
            if len(x_array) != len(y_array):
                raise ValueError(
                    "`x` and `y` must hold the same number of samples. Received: "
                    f"x with {len(x_array)}, y with {len(y_array)}"
                )
        shape = _input_shape(self)
        if x_array is not None and shape is not None and x_array.ndim != len(shape):
            # Keras takes grayscale images (or any input whose last axis is
            # 1) without that axis, as the course's Fashion-MNIST arrays are.
            no_unit_axis = (
                x_array.ndim == len(shape) - 1
                and shape[-1] == 1
                and all(
                    d in (None, n)
                    for d, n in zip(shape[1:-1], x_array.shape[1:], strict=True)
                )
            )
            text = self._accepts_text and x_array.dtype.kind in "USO"
            if not (text or no_unit_axis):
                raise ValueError(
                    f"`x` must have {len(shape)} axes (a batch of inputs of shape "
                    f"{shape[1:]}). Received: x with shape {x_array.shape}"
                )
