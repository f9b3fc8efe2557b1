"""image_folder_dataset vs keras.utils.image_dataset_from_directory + rescale.

2,000 generated JPEGs (150x150, two classes) in a temporary folder, resized
to 150x150, batch 32. Ours adds the up-front scan for unreadable files
(headers, then one decode of every file, remembered by path, size and time
under $KERAS_HOME, here a fresh temporary one); on a folder where it finds
some, Keras reads a mirror of links to the good files.
Timed, with their epochs interleaved: Keras on the clean folder, ours on
the clean folder (first call: every file decoded once), ours again on it
(the decode check answered from its record), and ours on the same folder
plus a zero-byte file, a non-image file and a truncated JPEG per class (as
in real downloads; Keras's way crashes on that folder). Target: under 10%
extra per epoch. Prints the first epoch (building and the scan included)
and the range of later epochs. Beside them, the course's way:
`ImageDataGenerator.flow_from_directory` (Keras 2's, `pip install ".[bench]"`
for `tf_keras`). Writes `results/speed_image_folder_dataset.json`.
"""

import os
import tempfile
import time

import keras
import numpy as np
import tensorflow as tf
from _report import write_speed_record

from keras_course.datasets import image_folder_dataset

NUM, SIZE, BATCH, REPEATS = 2000, 150, 32, 10


def make_images(root):
    rng = np.random.default_rng(0)
    for i in range(NUM):
        folder = os.path.join(root, ("cats", "dogs")[i % 2])
        os.makedirs(folder, exist_ok=True)
        image = rng.integers(0, 256, (SIZE, SIZE, 3), dtype="uint8")
        keras.utils.save_img(os.path.join(folder, f"{i}.jpg"), image, scale=False)


def keras_way(root):
    dataset = keras.utils.image_dataset_from_directory(
        root, label_mode="binary", image_size=(SIZE, SIZE), batch_size=BATCH, seed=0
    )
    return dataset.map(
        lambda x, y: (x / 255.0, y), num_parallel_calls=tf.data.AUTOTUNE
    ).prefetch(tf.data.AUTOTUNE)


class CourseWay:
    """The course's generator (TiP C1W4, C2W1), from Keras 2 (`tf_keras`);
    iterating it runs one epoch."""

    def __init__(self, root):
        from tf_keras.preprocessing.image import ImageDataGenerator

        self.batches = ImageDataGenerator(rescale=1 / 255).flow_from_directory(
            root, target_size=(SIZE, SIZE), batch_size=BATCH, class_mode="binary"
        )

    def __iter__(self):
        return (self.batches[i] for i in range(len(self.batches)))


def ours(root):
    # The same work as the Keras way: the course's rescale in the pipeline
    # (by default, since 0.9, the pixels stay raw and the models rescale).
    return image_folder_dataset(
        root, image_size=SIZE, batch_size=BATCH, seed=0, rescale=1 / 255
    )


def epoch(dataset):
    started = time.perf_counter()
    count = sum(int(x.shape[0]) for x, _ in dataset)
    return time.perf_counter() - started, count


def build(make, root):
    started = time.perf_counter()
    dataset = make(root)
    _, count = epoch(dataset)
    return dataset, time.perf_counter() - started, count


def main():
    with tempfile.TemporaryDirectory() as root, tempfile.TemporaryDirectory() as home:
        os.environ["KERAS_HOME"] = home
        make_images(root)
        ways = {
            "course, clean folder": build(CourseWay, root),
            "keras, clean folder": build(keras_way, root),
            "ours, clean folder": build(ours, root),
            "ours, again (decode record)": build(ours, root),
        }
        # A zero-byte and a non-image file per class, as in the real
        # cats-vs-dogs download. The Keras dataset above keeps its file list.
        for name in ("cats", "dogs"):
            with open(os.path.join(root, name, "empty.jpg"), "wb"):
                pass
            with open(os.path.join(root, name, "notes.jpg"), "w") as f:
                f.write("not an image")
            with open(os.path.join(root, name, f"{name == 'dogs':d}.jpg"), "rb") as f:
                body = f.read()
            with open(os.path.join(root, name, "truncated.jpg"), "wb") as f:
                f.write(body[: len(body) // 2])
        ways["ours, with 6 bad files"] = build(ours, root)
        later = {name: [] for name in ways}
        for _ in range(REPEATS):  # interleaved, so drifts in load hit all
            for name, (dataset, _, _) in ways.items():
                later[name].append(epoch(dataset)[0])
    for name, (_, first, count) in ways.items():
        print(
            f"{name:30s} {count} images: first epoch {first:.2f} s, later "
            f"{min(later[name]):.2f}-{max(later[name]):.2f} s "
            f"(median {np.median(later[name]):.3f})"
        )
    reference = np.median(later["keras, clean folder"])
    for name in list(ways)[2:]:
        print(
            f"extra    {np.median(later[name]) / reference - 1:+.1%} ({name}, "
            "median of later epochs, vs Keras on the clean folder); target < +10%"
        )

    def seconds(name):
        return {"ours": later[f"ours, {name}"], "course": later[f"course, {name}"],
                "fair": later[f"keras, {name}"]}  # fmt: skip

    write_speed_record(
        "image_folder_dataset",
        f"one epoch of {NUM:,} JPEGs ({SIZE}x{SIZE}, two classes, batch {BATCH}), "
        "pixels rescaled to [0, 1]",
        {"ours": "``image_folder_dataset(root, rescale=1 / 255)``",
         "course": "``ImageDataGenerator(rescale=1 / 255).flow_from_directory`` "
                   "(TiP C1W4; Keras 2's, from ``tf_keras``)",
         "fair": "``keras.utils.image_dataset_from_directory`` + a rescale "
                 "``map``"},
        [{"case": "clean folder, later epochs", "seconds": seconds("clean folder"),
          "headline": "``image_folder_dataset``, one epoch"},
         {"case": "first epoch (ours: every file decoded once)", "seconds":
          {w: [ways[f"{n}, clean folder"][1]] for w, n in
           (("ours", "ours"), ("course", "course"), ("fair", "keras"))}},
         {"case": "with 6 bad files, later epochs (Keras's loader stops on them)",
          "seconds": {"ours": later["ours, with 6 bad files"]}}],
    )  # fmt: skip


if __name__ == "__main__":
    main()
