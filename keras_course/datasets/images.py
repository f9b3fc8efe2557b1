"""Image folders: the course's `flow_from_directory` and train/validation split."""

import atexit
import concurrent.futures
import dataclasses
import json
import os
import random
import re
import shutil
import tempfile
import warnings

from keras_course._validation import check_choice, check_int, check_number
from keras_course.api_export import keras_course_export

# The formats `keras.utils.image_dataset_from_directory` reads, by extension,
# and the bytes each must start with to decode.
IMAGE_SIGNATURES = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
}
LABEL_MODES = ("binary", "categorical", "int")


def image_problem(path):
    """Why `path` cannot be read as an image, or None if its header is fine.

    Checks what can be checked without decoding: that the file can be
    opened, is not empty, and starts with the signature of an image format
    TensorFlow decodes (it reads the format from the bytes, not the
    extension). The real cats-vs-dogs download holds zero-byte files and
    files that are no image at all.
    """
    signatures = tuple(s for group in IMAGE_SIGNATURES.values() for s in group)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    if not head:
        return "zero bytes"
    if not head.startswith(signatures):
        return "not an image (no JPEG, PNG, GIF or BMP header)"
    return None


def _class_folders(directory, label_mode=None):
    """Sorted class sub-folders of `directory`, validated."""
    directory = os.fspath(directory)
    if not os.path.isdir(directory):
        raise ValueError(
            f"`directory` must be an existing folder. Received: directory={directory!r}"
        )
    classes = sorted(entry.name for entry in os.scandir(directory) if entry.is_dir())
    if not classes:
        raise ValueError(
            f"{directory!r} has no class folders: put each class's images in a "
            "sub-folder named after the class (as flow_from_directory expects)."
        )
    if label_mode == "binary" and len(classes) != 2:
        raise ValueError(
            f"label_mode='binary' needs exactly 2 class folders; {directory!r} "
            f"has {len(classes)}: {classes}"
        )
    if label_mode == "categorical" and len(classes) < 2:
        raise ValueError(
            f"label_mode='categorical' needs at least 2 class folders; "
            f"{directory!r} has {classes}"
        )
    return directory, classes


def _scan(directory, classes):
    """`({class: [readable paths]}, [(unreadable path, reason)])`: files
    without an image header, then files TensorFlow cannot decode."""
    candidates, problems = {}, {}
    for name in classes:
        candidates[name] = _image_files(os.path.join(directory, name))
        for path in candidates[name]:
            problem = image_problem(path)
            if problem is not None:
                problems[path] = problem
    headed = [p for paths in candidates.values() for p in paths if p not in problems]
    problems.update(_decode_problems(headed))
    good = {
        name: [p for p in paths if p not in problems]
        for name, paths in candidates.items()
    }
    skipped = [(p, problems[p]) for paths in candidates.values() for p in paths
               if p in problems]  # fmt: skip
    return good, skipped


def _decode_cache_path():
    home = os.environ.get("KERAS_HOME", os.path.join(os.path.expanduser("~"), ".keras"))
    return os.path.join(home, "keras_course", "decoded_images.json")


def _decode_problem(path):
    """Why TensorFlow cannot decode `path` as Keras's loader decodes it, or ""."""
    import tensorflow as tf

    try:
        tf.io.decode_image(tf.io.read_file(path), channels=3, expand_animations=False)
    except (tf.errors.OpError, OSError) as e:
        message = re.sub(
            r"\{\{function_node [^}]*\}\}\s*", "", getattr(e, "message", str(e))
        )
        return f"cannot be decoded ({message.strip().splitlines()[0][:100]})"
    return ""


def _decode_problems(paths):
    """`{path: reason}` for the `paths` TensorFlow cannot decode (a valid
    header over a truncated or corrupt body).

    Every file is decoded once, in threads (TensorFlow's decoders release
    the GIL); the answer is remembered in `$KERAS_HOME/keras_course/
    decoded_images.json` under the file's path, size and modification time,
    so a later call, or a later run, decodes only new or changed files.
    """
    if not paths:
        return {}
    cache_path = _decode_cache_path()
    try:
        with open(cache_path, encoding="utf-8") as f:
            cache = json.load(f)
        if not isinstance(cache, dict):
            cache = {}
    except (OSError, ValueError):
        cache = {}

    def key(path):
        stat = os.stat(path)
        return f"{os.path.abspath(path)}|{stat.st_size}|{stat.st_mtime_ns}"

    keys = {path: key(path) for path in paths}
    todo = [path for path in paths if not isinstance(cache.get(keys[path]), str)]
    if todo:
        workers = min(len(todo), os.cpu_count() or 1)
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            for path, problem in zip(
                todo, pool.map(_decode_problem, todo), strict=True
            ):
                cache[keys[path]] = problem
        try:
            os.makedirs(os.path.dirname(cache_path), exist_ok=True)
            fd, staging = tempfile.mkstemp(dir=os.path.dirname(cache_path))
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(cache, f)
            os.replace(staging, cache_path)  # atomic: never a half-written cache
        except OSError:
            pass  # read-only home: decode again next time
    return {path: cache[keys[path]] for path in paths if cache[keys[path]]}


def _image_files(folder):
    return sorted(
        entry.path
        for entry in os.scandir(folder)
        if entry.is_file()
        and os.path.splitext(entry.name)[1].lower() in IMAGE_SIGNATURES
    )


def _check_image_size(image_size):
    if isinstance(image_size, int) and not isinstance(image_size, bool):
        image_size = (image_size, image_size)
    if (
        not isinstance(image_size, (tuple, list))
        or len(image_size) != 2
        or any(
            isinstance(v, bool) or not isinstance(v, int) or v < 1 for v in image_size
        )
    ):
        raise ValueError(
            "`image_size` must be an int or two positive ints (height, width). "
            f"Received: image_size={image_size!r}"
        )
    return tuple(image_size)


_MIRROR_PREFIX = "keras_course_images_"


def _remove_stale_mirrors():
    """Removes this user's mirrors whose process has ended (a crash skips
    the exit clean-up): folders named with a dead process id."""
    temp = tempfile.gettempdir()
    for entry in os.scandir(temp):
        if not entry.name.startswith(_MIRROR_PREFIX):
            continue
        try:
            pid = int(entry.name[len(_MIRROR_PREFIX) :].split("_")[0])
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            os.kill(pid, 0)  # raises if the process is gone
        except ProcessLookupError:
            shutil.rmtree(entry.path, ignore_errors=True)
        except (ValueError, OSError):
            continue


def _good_file_links(directory, good):
    """A new private folder mirroring `directory` with links to the `good`
    files only, removed when this process exits; None where links cannot be
    made.

    `tempfile.mkdtemp` makes a folder only this user can use (mode 0700) with
    an unpredictable name: a folder planted in the shared temporary
    directory is never read. It lives until exit, not as long as one dataset
    object: a dataset derived from ours (`.map`, `.cache`) reads the same
    links after ours is gone.
    """
    directory = os.path.abspath(directory)
    _remove_stale_mirrors()
    root = tempfile.mkdtemp(prefix=f"{_MIRROR_PREFIX}{os.getpid()}_")
    try:
        for path in good:
            relative = os.path.relpath(os.path.abspath(path), directory)
            link = os.path.join(root, relative)
            os.makedirs(os.path.dirname(link), exist_ok=True)
            os.symlink(os.path.join(directory, relative), link)
    except OSError:
        shutil.rmtree(root, ignore_errors=True)
        return None
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def check_pipeline_arguments(
    image_size, batch_size, label_mode, rescale, size_optional=False
):
    """The checked arguments every image loader takes.

    `image_size` may be None (keep the size) only with `size_optional`.
    """
    if image_size is not None or not size_optional:
        image_size = _check_image_size(image_size)
    batch_size = check_int("batch_size", batch_size)
    label_mode = check_choice("label_mode", label_mode, LABEL_MODES)
    if rescale is not None:
        rescale = check_number("rescale", rescale, positive=True)
    return image_size, batch_size, label_mode, rescale


def _warn_skipped(skipped, what):
    if skipped:
        listed = "; ".join(f"{path} ({why})" for path, why in skipped[:10])
        more = f"; and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        warnings.warn(
            f"{what} skips {len(skipped)} file(s) that cannot be read as "
            f"images: {listed}{more}.",
            stacklevel=3,
        )


@keras_course_export("keras_course.datasets.image_folder_dataset")
def image_folder_dataset(
    directory,
    image_size,
    batch_size=32,
    label_mode="binary",
    validation_split=None,
    subset=None,
    seed=None,
    rescale=None,
    shuffle=True,
):
    """The course's `flow_from_directory` as a `tf.data` pipeline.

    The course writes
    `ImageDataGenerator(rescale=1/255).flow_from_directory(directory,
    target_size=(300, 300), batch_size=128, class_mode="binary")`. This is
    `keras.utils.image_dataset_from_directory` (class folders in sorted order,
    the same validation split, raw pixels in [0, 255] as Keras yields them:
    the applications rescale inside the model), with one difference:
    files that cannot be decoded do not crash the epoch. The real cats-vs-dogs
    download holds zero-byte and non-image files, and scraped folders hold
    truncated or corrupt JPEGs behind a valid header; they are found up front
    (empty, unreadable, no image header, or TensorFlow cannot decode it:
    every file is decoded once, and the answer remembered by path, size and
    modification time in `$KERAS_HOME/keras_course/decoded_images.json`),
    reported in a warning and in the dataset's `skipped_files` attribute,
    and left out: Keras then reads a
    mirror of the folder made of links to the good files (a new private
    folder, `tempfile.mkdtemp`, usable by this user only, removed when the
    process exits), so the pipeline stays Keras's own
    as fast (`benchmarks/image_folder_dataset.py`). Where
    links cannot be made, the bad files are dropped with `ignore_errors`
    before batching instead (about 12% slower).

    Args:
        directory: folder with one sub-folder of images per class.
        image_size: int or `(height, width)`; images are resized to it.
        batch_size: int. Defaults to 32.
        label_mode: `"binary"` (float 0/1, exactly two classes),
            `"categorical"` (one-hot) or `"int"`.
        validation_split: float in (0, 1) or None, as in Keras.
        subset: `"training"`, `"validation"` or `"both"` with
            `validation_split`.
        seed: int or None, seed of the shuffle and the split.
        rescale: float or None. None (the default, as Keras) keeps the
            pixels in [0, 255], what the applications take; 1/255 is the
            course's `ImageDataGenerator(rescale=1/255)`, for a model of your
            own without a `Rescaling` layer.
        shuffle: bool. Defaults to True.

    Returns:
        A `tf.data.Dataset` of `(images, labels)` batches, float32 images of
        shape `(batch, height, width, 3)`, with attributes `class_names` and
        `skipped_files` (a list of `(path, reason)`); two datasets for
        `subset="both"`.

    Example:

    >>> import tempfile
    >>> root = tempfile.mkdtemp()
    >>> for name in ("cats", "dogs"):
    ...     os.makedirs(os.path.join(root, name))
    ...     keras.utils.save_img(os.path.join(root, name, "a.png"),
    ...                          np.zeros((8, 8, 3)))
    >>> ds = image_folder_dataset(root, image_size=4, batch_size=2)
    >>> images, labels = next(iter(ds))
    >>> tuple(images.shape), ds.class_names, ds.skipped_files
    ((2, 4, 4, 3), ['cats', 'dogs'], [])
    """
    import keras
    import tensorflow as tf

    image_size, batch_size, label_mode, rescale = check_pipeline_arguments(
        image_size, batch_size, label_mode, rescale
    )
    directory, classes = _class_folders(directory, label_mode)
    good, skipped = _scan(directory, classes)
    _warn_skipped(skipped, "image_folder_dataset")
    # Keras reads every file of the folder; with unreadable ones, read a
    # mirror of links to the good files instead (no per-element error
    # handling, so the pipeline stays Keras's, as fast). Where links cannot
    # be made, drop the failing elements with ignore_errors before batching.
    read_from = directory
    if skipped:
        readable = [path for paths in good.values() for path in paths]
        read_from = _good_file_links(directory, readable)
    tolerant = read_from is None
    if tolerant:
        read_from = directory
    datasets = keras.utils.image_dataset_from_directory(
        read_from,
        labels="inferred",
        label_mode=label_mode,
        class_names=classes,
        image_size=image_size,
        batch_size=None if tolerant else batch_size,
        shuffle=shuffle,
        seed=seed,
        validation_split=validation_split,
        subset=subset,
        follow_links=True,
        verbose=False,
    )

    def finish(dataset):
        # Keras names the files it read: map links back to the originals.
        paths = [
            os.path.join(directory, os.path.relpath(path, read_from))
            for path in dataset.file_paths
        ]
        if tolerant:
            dataset = dataset.ignore_errors().batch(batch_size)
        if rescale is not None:
            dataset = dataset.map(
                lambda x, y: (x * rescale, y), num_parallel_calls=tf.data.AUTOTUNE
            )
        dataset = dataset.prefetch(tf.data.AUTOTUNE)
        dataset.class_names = list(classes)
        dataset.skipped_files = list(skipped)
        bad = dict(skipped)
        dataset.file_paths = [path for path in paths if path not in bad]
        return dataset

    if isinstance(datasets, (list, tuple)):
        return tuple(finish(d) for d in datasets)
    return finish(datasets)


@keras_course_export("keras_course.datasets.ImageFolderSplit")
@dataclasses.dataclass(frozen=True)
class ImageFolderSplit:
    """What `split_image_folder` wrote.

    Attributes:
        training: dict, class name -> number of files copied to `training/`.
        validation: dict, class name -> number copied to `validation/`.
        skipped: list of `(path, reason)` for files that are no readable image.

    Example:

    >>> ImageFolderSplit({"cats": 9}, {"cats": 1}, []).validation
    {'cats': 1}
    """

    training: dict
    validation: dict
    skipped: list


@keras_course_export("keras_course.datasets.split_image_folder")
def split_image_folder(source, destination, split=0.9, seed=None, overwrite=False):
    """The course assignment's train/validation split of a class-per-folder tree.

    Course 2 week 1's `split_data(SOURCE, TRAINING, VALIDATION, SPLIT_SIZE)`
    shuffles each class's files, skips the zero-length ones ("filename is
    zero length, so ignoring") and copies the first `SPLIT_SIZE` fraction to
    the training folder and the rest to the validation folder. This does the
    same for every class folder of `source`, into `destination/training/<class>`
    and `destination/validation/<class>`, also skipping files that are no
    image (see `image_problem`), and reports what it skipped (a warning and
    the result's `skipped`). With the same `seed` it writes the same split,
    so running it again (with `overwrite=True`) gives the same tree.

    Args:
        source: folder with one sub-folder of images per class.
        destination: folder to write into; must be empty or missing unless
            `overwrite=True`, which replaces its contents.
        split: float in (0, 1), the training fraction. Defaults to 0.9 (the
            assignment's).
        seed: int or None, seed of the shuffle.
        overwrite: bool. Defaults to False.

    Returns:
        An `ImageFolderSplit` with the counts per class and the skipped files.

    Example:

    >>> import tempfile
    >>> source, out = tempfile.mkdtemp(), tempfile.mkdtemp()
    >>> os.makedirs(os.path.join(source, "cats"))
    >>> for i in range(10):
    ...     keras.utils.save_img(os.path.join(source, "cats", f"{i}.jpg"),
    ...                          np.zeros((4, 4, 3)))
    >>> result = split_image_folder(source, out, split=0.8, seed=0)
    >>> result.training, result.validation, result.skipped
    ({'cats': 8}, {'cats': 2}, [])
    """
    split = check_number("split", split)
    if not 0.0 < split < 1.0:
        raise ValueError(f"`split` must be in (0, 1). Received: split={split!r}")
    source, classes = _class_folders(source)
    destination = os.fspath(destination)
    if os.path.abspath(destination).startswith(os.path.abspath(source) + os.sep):
        raise ValueError(
            "`destination` must not lie inside `source`. Received: "
            f"source={source!r}, destination={destination!r}"
        )
    if os.path.isdir(destination) and os.listdir(destination):
        if not overwrite:
            raise ValueError(
                f"`destination` {destination!r} is not empty; pass "
                "overwrite=True to replace its contents."
            )
        shutil.rmtree(destination)
    rng = random.Random(seed)
    good, skipped = _scan(source, classes)
    training, validation = {}, {}
    for name, files in good.items():
        rng.shuffle(files)
        cut = int(len(files) * split)
        for part, chosen, counts in (
            ("training", files[:cut], training),
            ("validation", files[cut:], validation),
        ):
            folder = os.path.join(destination, part, name)
            os.makedirs(folder, exist_ok=True)
            for path in chosen:
                shutil.copy2(path, os.path.join(folder, os.path.basename(path)))
            counts[name] = len(chosen)
    _warn_skipped(skipped, "split_image_folder")
    return ImageFolderSplit(training, validation, skipped)
