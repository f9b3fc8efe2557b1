"""image_folder_dataset vs keras.utils.image_dataset_from_directory + rescale.

2,000 generated JPEGs (150x150, two classes) in a temporary folder, resized
to 150x150, batch 32. Ours adds the up-front scan for unreadable files; on
a folder where it finds some, also `ignore_errors` and batching after it.
Both cases are timed: the clean folder, then the same folder plus a
zero-byte file and a non-image file per class (as in the real cats-vs-dogs
download; the Keras way cannot read that folder at all). Target: under 10%
extra per epoch. Prints the first epoch (building and the scan included) and
the range of later epochs.
"""

import os
import tempfile
import time

import keras
import numpy as np
import tensorflow as tf

from keras_course.datasets import image_folder_dataset

NUM, SIZE, BATCH, REPEATS = 2000, 150, 32, 8


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


def ours(root):
    return image_folder_dataset(root, image_size=SIZE, batch_size=BATCH, seed=0)


def epoch(dataset):
    started = time.perf_counter()
    count = sum(int(x.shape[0]) for x, _ in dataset)
    return time.perf_counter() - started, count


def compare(root, ways):
    results, datasets = {}, {}
    for name, make in ways:
        started = time.perf_counter()
        datasets[name] = make(root)
        _, count = epoch(datasets[name])
        results[name] = (time.perf_counter() - started, [], count)
    for _ in range(REPEATS):  # alternate, so drifts in load hit both
        for name in datasets:
            results[name][1].append(epoch(datasets[name])[0])
    for name, (first, later, count) in results.items():
        print(
            f"  {name:6s} {count} images: first epoch {first:.2f} s, later "
            f"{min(later):.2f}-{max(later):.2f} s"
        )
    return results


def main():
    with tempfile.TemporaryDirectory() as root:
        make_images(root)
        print("clean folder:")
        clean = compare(root, (("keras", keras_way), ("ours", ours)))
        for name in ("cats", "dogs"):
            with open(os.path.join(root, name, "empty.jpg"), "wb"):
                pass
            with open(os.path.join(root, name, "notes.jpg"), "w") as f:
                f.write("not an image")
        print("with 4 unreadable files (Keras's way crashes on them):")
        dirty = compare(root, (("ours", ours),))
    keras_later = np.median(clean["keras"][1])
    for label, ours_later in (
        ("clean", np.median(clean["ours"][1])),
        ("with bad files", np.median(dirty["ours"][1])),
    ):
        print(
            f"extra    {ours_later / keras_later - 1:+.1%} ({label}, median of "
            "later epochs, vs Keras on the clean folder); target < +10%"
        )


if __name__ == "__main__":
    main()
