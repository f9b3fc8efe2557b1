"""The course's image sets through tensorflow-datasets, ready to train on."""

import gzip
import os

import numpy as np

from keras_course.api_export import keras_course_export
from keras_course.datasets.images import check_pipeline_arguments


def tfds_load(name, loader, split, data_dir, download, hint="", **kwargs):
    """`tfds.load(name, as_supervised=True, ...)`, or an OSError saying how
    to provide the set where tensorflow-datasets cannot download it."""
    import tensorflow_datasets as tfds

    where = os.fspath(data_dir) if data_dir is not None else "~/tensorflow_datasets"
    try:
        return tfds.load(
            name,
            split=split,
            data_dir=data_dir,
            as_supervised=True,
            download=download,
            **kwargs,
        )
    except Exception as e:  # tfds raises many kinds: offline, missing, bad split
        raise OSError(
            f"Could not load the tensorflow-datasets set {name!r} (split "
            f"{split!r}) from {where}: {type(e).__name__}: {e}. On a machine "
            f"with internet access run `tfds build {name}` (or call {loader}() "
            "once) and copy the prepared folder, then pass its parent as "
            f"{loader}(data_dir=...){hint}."
        ) from e


def _load(
    name,
    loader,
    split,
    image_size,
    batch_size,
    label_mode,
    data_dir,
    shuffle,
    seed,
    rescale,
    download,
):
    import tensorflow_datasets as tfds

    image_size, batch_size, label_mode, rescale = check_pipeline_arguments(
        image_size, batch_size, label_mode, rescale, size_optional=True
    )
    dataset, info = tfds_load(
        name,
        loader,
        split,
        data_dir,
        download,
        hint="; or put the images in one folder per class and use "
        "keras_course.datasets.image_folder_dataset",
        with_info=True,
        shuffle_files=shuffle,
        read_config=tfds.ReadConfig(shuffle_seed=seed),
    )
    return _pipeline(
        dataset, list(info.features["label"].names), name, image_size,
        batch_size, label_mode, shuffle, seed, rescale,
    )  # fmt: skip


def _pipeline(
    dataset, class_names, name, image_size, batch_size, label_mode, shuffle, seed,
    rescale, shuffle_buffer=1000,
):  # fmt: skip
    """`(image, label)` elements made the loaders' batches."""
    import tensorflow as tf

    num_classes = len(class_names)
    if label_mode == "binary" and num_classes != 2:
        raise ValueError(
            f"label_mode='binary' needs 2 classes; {name} has {num_classes}."
        )

    def prepare(image, label):
        image = tf.cast(image, "float32")
        if image_size is not None:
            image = tf.image.resize(image, image_size)
        if rescale is not None:
            image = image * rescale
        if label_mode == "binary":
            label = tf.cast(label, "float32")[None]
        elif label_mode == "categorical":
            label = tf.one_hot(label, num_classes)
        return image, label

    if shuffle:
        dataset = dataset.shuffle(shuffle_buffer, seed=seed)
    dataset = (
        dataset.map(prepare, num_parallel_calls=tf.data.AUTOTUNE)
        .batch(batch_size)
        .prefetch(tf.data.AUTOTUNE)
    )
    dataset.class_names = class_names
    return dataset


_COMMON_ARGS = """
    Args:
        split: a tensorflow-datasets split, e.g. `"train"`, `"test"`,
            `"train[:80%]"`.
        image_size: int or `(height, width)` to resize to; None keeps it.
        batch_size: int. Defaults to 32.
        label_mode: `"binary"` (float `(batch, 1)`), `"categorical"`
            (one-hot) or `"int"`.
        data_dir: where tensorflow-datasets keeps its data (None: its
            default, `~/tensorflow_datasets`).
        shuffle: bool. Defaults to True.
        seed: int or None, seed of the shuffles.
        rescale: float or None, multiplies the pixels. None (the default)
            keeps them in [0, 255], as Keras's loaders and what the
            applications take (they rescale inside the model).
        download: bool, let tensorflow-datasets download and prepare the set
            when it is not in `data_dir`. Defaults to True.

    Returns:
        A batched, prefetched `tf.data.Dataset` of `(images, labels)`, float32
        images, with a `class_names` attribute (tensorflow-datasets' order).
        Offline and not prepared: an `OSError` naming the set, where it looked,
        and how to provide it.

"""


def _document(fn):
    fn.__doc__ = fn.__doc__.replace("    {args}\n", _COMMON_ARGS)
    return fn


@keras_course_export("keras_course.datasets.load_horses_or_humans")
@_document
def load_horses_or_humans(
    split="train",
    image_size=300,
    batch_size=32,
    label_mode="binary",
    data_dir=None,
    shuffle=True,
    seed=None,
    rescale=None,
    download=True,
):
    """Horses or humans (course 1 week 4): 1,027 train, 256 test, 300×300.

    tensorflow-datasets' `horses_or_humans`; labels 0 = horses, 1 = humans,
    as the course's folders. Feeds `HorseOrHumanClassifier()` as it is.
    {args}
    Example:

    >>> import tensorflow_datasets as tfds
    >>> with tfds.testing.mock_data(num_examples=4):
    ...     ds = load_horses_or_humans(image_size=64, batch_size=2)
    >>> images, labels = next(iter(ds))
    >>> tuple(images.shape), tuple(labels.shape), ds.class_names
    ((2, 64, 64, 3), (2, 1), ['horses', 'humans'])
    """
    return _load(
        "horses_or_humans", "load_horses_or_humans", split, image_size,
        batch_size, label_mode, data_dir, shuffle, seed, rescale, download,
    )  # fmt: skip


@keras_course_export("keras_course.datasets.load_rock_paper_scissors")
@_document
def load_rock_paper_scissors(
    split="train",
    image_size=150,
    batch_size=32,
    label_mode="int",
    data_dir=None,
    shuffle=True,
    seed=None,
    rescale=None,
    download=True,
):
    """Rock, paper, scissors (course 2 week 4): 2,520 train, 372 test.

    tensorflow-datasets' `rock_paper_scissors` (300×300 CGI hands), resized
    to 150×150, raw pixels and integer labels, as
    `RockPaperScissorsClassifier()` takes them.
    Its class order is tensorflow-datasets' (`rock, paper, scissors`), not
    the folders' sorted order: pass `class_names=ds.class_names` to the
    classifier.
    {args}
    Example:

    >>> import tensorflow_datasets as tfds
    >>> with tfds.testing.mock_data(num_examples=4):
    ...     ds = load_rock_paper_scissors(image_size=32, batch_size=4)
    >>> tuple(next(iter(ds))[1].shape), ds.class_names
    ((4,), ['rock', 'paper', 'scissors'])
    """
    return _load(
        "rock_paper_scissors", "load_rock_paper_scissors", split, image_size,
        batch_size, label_mode, data_dir, shuffle, seed, rescale, download,
    )  # fmt: skip


@keras_course_export("keras_course.datasets.load_cats_vs_dogs")
@_document
def load_cats_vs_dogs(
    split="train",
    image_size=150,
    batch_size=32,
    label_mode="binary",
    data_dir=None,
    shuffle=True,
    seed=None,
    rescale=None,
    download=True,
):
    """Cats vs dogs (course 2 weeks 1-3): 23,262 images of varying sizes.

    tensorflow-datasets' `cats_vs_dogs` has one split, `"train"` (it drops
    the 1,738 corrupt files of the Kaggle download when it prepares the
    set); cut it with split strings, e.g. `"train[:90%]"` and
    `"train[90%:]"`. Labels 0 = cat, 1 = dog.
    {args}
    Example:

    >>> import tensorflow_datasets as tfds
    >>> with tfds.testing.mock_data(num_examples=4):
    ...     ds = load_cats_vs_dogs("train[:50%]", image_size=32, batch_size=2)
    >>> tuple(next(iter(ds))[0].shape), ds.class_names
    ((2, 32, 32, 3), ['cat', 'dog'])
    """
    return _load(
        "cats_vs_dogs", "load_cats_vs_dogs", split, image_size,
        batch_size, label_mode, data_dir, shuffle, seed, rescale, download,
    )  # fmt: skip


# Where Debian's `dataset-fashion-mnist` package installs the four idx files.
DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
FASHION_MNIST_CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
    "Sneaker", "Bag", "Ankle boot",
]  # fmt: skip


def read_idx(path):
    """The array in an idx file (the MNIST format; gzipped or not)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[:2] != b"\0\0" or data[2] != 0x08:
        raise ValueError(f"{path} is not an idx file of unsigned bytes.")
    ndim = data[3]
    shape = tuple(
        int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)
    )
    body = data[4 + 4 * ndim :]
    if len(body) != int(np.prod(shape)):
        raise ValueError(
            f"{path} is truncated: its header promises {shape}, "
            f"{int(np.prod(shape))} bytes; it holds {len(body)}."
        )
    return np.frombuffer(body, dtype="uint8").reshape(shape)


def _fashion_mnist_files(path, split):
    """The images and labels of `split` ("train" or "test") in folder `path`."""
    prefix = {"train": "train", "test": "t10k"}.get(split)
    if prefix is None:
        raise ValueError(
            f"With `path`, `split` must be 'train' or 'test'. Received: split={split!r}"
        )
    found = []
    for kind in ("images-idx3", "labels-idx1"):
        names = [f"{prefix}-{kind}-ubyte{ext}" for ext in (".gz", "")]
        paths = [
            os.path.join(path, n)
            for n in names
            if os.path.exists(os.path.join(path, n))
        ]
        if not paths:
            raise OSError(
                f"{path!r} holds no {names[0]} (or {names[1]}): the four "
                "Fashion-MNIST idx files, as Debian's dataset-fashion-mnist "
                f"package installs them in {DEBIAN_FASHION_MNIST}."
            )
        found.append(read_idx(paths[0]))
    images, labels = found
    return images[..., None], labels.astype("int64")


@keras_course_export("keras_course.datasets.load_fashion_mnist")
@_document
def load_fashion_mnist(
    split="train",
    image_size=None,
    batch_size=32,
    label_mode="int",
    data_dir=None,
    shuffle=True,
    seed=None,
    rescale=None,
    download=True,
    path=None,
):
    """Fashion-MNIST (course 1 weeks 2-3): 60,000 train, 10,000 test, 28×28.

    Read from a folder of the four idx files (`path`; by default Debian's
    `dataset-fashion-mnist` install folder, /usr/share/datasets/fashion-mnist,
    when it is there: `apt-get download dataset-fashion-mnist` and `dpkg -x`
    put them under `usr/share/datasets/fashion-mnist/`; MIT licence, Zalando
    Research), else tensorflow-datasets' `fashion_mnist`. Integer labels, raw
    pixels in [0, 255]; feeds `FashionMNISTClassifier` as it is.

    `path` is a folder with `train-images-idx3-ubyte.gz`,
    `train-labels-idx1-ubyte.gz`, `t10k-images-idx3-ubyte.gz` and
    `t10k-labels-idx1-ubyte.gz` (or unzipped); `split` is then "train" or
    "test", and `shuffle` shuffles the whole split each epoch. None (the
    default): Debian's folder if present and no `data_dir` is given, else
    tensorflow-datasets.
    {args}
    Example:

    >>> import tensorflow_datasets as tfds
    >>> with tfds.testing.mock_data(num_examples=4):
    ...     ds = load_fashion_mnist("test", batch_size=4)
    >>> images, labels = next(iter(ds))
    >>> tuple(images.shape), labels.dtype.name, len(ds.class_names)
    ((4, 28, 28, 1), 'int64', 10)
    """
    if path is None and data_dir is None and os.path.isdir(DEBIAN_FASHION_MNIST):
        path = DEBIAN_FASHION_MNIST
    if path is None:
        return _load(
            "fashion_mnist", "load_fashion_mnist", split, image_size,
            batch_size, label_mode, data_dir, shuffle, seed, rescale, download,
        )  # fmt: skip
    import tensorflow as tf

    image_size, batch_size, label_mode, rescale = check_pipeline_arguments(
        image_size, batch_size, label_mode, rescale, size_optional=True
    )
    images, labels = _fashion_mnist_files(os.fspath(path), split)
    return _pipeline(
        tf.data.Dataset.from_tensor_slices((images, labels)),
        FASHION_MNIST_CLASSES, "fashion_mnist", image_size, batch_size,
        label_mode, shuffle, seed, rescale, shuffle_buffer=len(labels),
    )  # fmt: skip
