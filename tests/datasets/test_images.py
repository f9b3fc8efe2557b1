import hashlib
import os
import stat
import tempfile
import warnings

import keras
import numpy as np
import pytest

from keras_course.datasets import image_folder_dataset, split_image_folder


def make_tree(root, classes=("horses", "humans"), per_class=3, size=(12, 10)):
    """Class folders of small PNG and JPEG images, class i filled with i * 100."""
    for index, name in enumerate(classes):
        os.makedirs(root / name, exist_ok=True)
        for i in range(per_class):
            ext = "png" if i % 2 else "jpg"
            image = np.full((*size, 3), index * 100 + i, "uint8")
            keras.utils.save_img(root / name / f"{i}.{ext}", image, scale=False)
    return root


@pytest.fixture(autouse=True)
def _private_keras_home(tmp_path_factory, monkeypatch):
    # The decode check remembers its answers under $KERAS_HOME.
    monkeypatch.setenv("KERAS_HOME", str(tmp_path_factory.mktemp("keras_home")))


def add_corrupt_bodies(root):
    """Files with a valid header over a broken body, as scraped folders hold."""
    jpeg = (root / "horses" / "0.jpg").read_bytes()
    png = (root / "humans" / "1.png").read_bytes()
    (root / "horses" / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (root / "humans" / "zeroed.png").write_bytes(png[:40] + b"\0" * (len(png) - 40))
    return {str(root / "horses" / "truncated.jpg"), str(root / "humans" / "zeroed.png")}


def add_bad_files(root):
    (root / "horses" / "empty.jpg").write_bytes(b"")
    (root / "humans" / "notes.jpg").write_bytes(b"this is no image at all")
    return {str(root / "horses" / "empty.jpg"), str(root / "humans" / "notes.jpg")}


def collect(dataset):
    images, labels = [], []
    for x, y in dataset:
        images.append(x.numpy())
        labels.append(y.numpy())
    return np.concatenate(images), np.concatenate(labels)


def test_binary_images_are_resized_rescaled_and_labelled(tmp_path):
    ds = image_folder_dataset(
        make_tree(tmp_path), image_size=(6, 5), batch_size=4, rescale=1 / 255
    )
    images, labels = collect(ds)
    assert images.shape == (6, 6, 5, 3) and images.dtype == np.float32
    assert ds.class_names == ["horses", "humans"] and ds.skipped_files == []
    # Class 0 images hold 0..2, class 1 images 100..102, scaled by 1/255.
    means = images.mean(axis=(1, 2, 3)) * 255
    np.testing.assert_array_equal(labels.ravel(), (means > 50).astype("float32"))
    assert images.max() <= 102 / 255 + 1e-4
    # By default the pixels stay raw, as Keras's loader gives them.
    raw, _ = collect(image_folder_dataset(tmp_path, image_size=(6, 5), shuffle=False))
    assert 100 <= raw.max() <= 102 + 1e-3


def test_rescale_none_keeps_0_to_255_and_categorical_is_one_hot(tmp_path):
    make_tree(tmp_path, classes=("paper", "rock", "scissors"))
    ds = image_folder_dataset(
        tmp_path, image_size=8, label_mode="categorical", rescale=None, shuffle=False
    )
    images, labels = collect(ds)
    assert labels.shape == (9, 3)
    np.testing.assert_array_equal(labels.argmax(1), np.repeat([0, 1, 2], 3))
    assert images.max() == pytest.approx(202, abs=1)


def test_bad_files_are_skipped_and_reported(tmp_path):
    bad = add_bad_files(make_tree(tmp_path))
    with pytest.warns(UserWarning, match="skips 2 file") as record:
        ds = image_folder_dataset(tmp_path, image_size=6, batch_size=4, seed=0)
    message = str(record[0].message)
    assert all(path in message for path in bad)
    assert {path for path, _ in ds.skipped_files} == bad
    assert dict(ds.skipped_files)[str(tmp_path / "horses" / "empty.jpg")] == (
        "zero bytes"
    )
    images, labels = collect(ds)  # iterating does not crash on them
    assert len(images) == 6 and len(labels) == 6
    assert sorted(map(os.path.basename, ds.file_paths)) == sorted(
        [f"{i}.{'png' if i % 2 else 'jpg'}" for i in range(3)] * 2
    )


def test_a_valid_header_over_a_broken_body_is_skipped_and_reported(tmp_path):
    tree = make_tree(tmp_path / "tree")
    corrupt = add_corrupt_bodies(tree)
    with pytest.warns(UserWarning, match="skips 2 file") as record:
        ds = image_folder_dataset(tree, image_size=6, batch_size=4, seed=0)
    assert all(path in str(record[0].message) for path in corrupt)
    assert {path for path, _ in ds.skipped_files} == corrupt
    assert all("cannot be decoded" in why for _, why in ds.skipped_files)
    images, _ = collect(ds)  # Keras's own loader stops here with jpeg::Uncompress
    assert len(images) == 6


def test_the_decode_check_runs_once_per_file_version(tmp_path, monkeypatch):
    from keras_course.datasets import images as module

    tree = make_tree(tmp_path / "tree")
    add_corrupt_bodies(tree)
    decoded = []
    original = module._decode_problem
    monkeypatch.setattr(
        module, "_decode_problem", lambda p: decoded.append(p) or original(p)
    )
    for _ in range(2):
        with pytest.warns(UserWarning):
            image_folder_dataset(tree, image_size=6)
    assert len(decoded) == 8  # 6 good + 2 corrupt, the first time only
    keras.utils.save_img(
        tree / "humans" / "zeroed.png", np.zeros((6, 6, 3), "uint8"), scale=False
    )  # repaired: a new size and time, so decoded again, and now good
    with pytest.warns(UserWarning, match="skips 1 file"):
        ds = image_folder_dataset(tree, image_size=6)
    assert decoded[8:] == [str(tree / "humans" / "zeroed.png")]
    assert [p for p, _ in ds.skipped_files] == [str(tree / "horses" / "truncated.jpg")]


def test_file_paths_name_the_original_files(tmp_path):
    bad = add_bad_files(make_tree(tmp_path))
    with pytest.warns(UserWarning):
        ds = image_folder_dataset(tmp_path, image_size=6)
    assert len(ds.file_paths) == 6
    assert all(path.startswith(str(tmp_path)) for path in ds.file_paths)
    assert not bad & set(ds.file_paths)


def test_a_changed_folder_gets_a_new_mirror(tmp_path):
    add_bad_files(make_tree(tmp_path))
    with pytest.warns(UserWarning):
        before = image_folder_dataset(tmp_path, image_size=6)
    keras.utils.save_img(
        tmp_path / "humans" / "new.png", np.zeros((6, 6, 3), "uint8"), scale=False
    )
    with pytest.warns(UserWarning):
        after = image_folder_dataset(tmp_path, image_size=6)
    assert len(collect(before)[0]) == 6 and len(collect(after)[0]) == 7
    assert str(tmp_path / "humans" / "new.png") in after.file_paths


def test_a_planted_mirror_is_never_read(tmp_path, monkeypatch):
    # Another local user plants folders in the shared temporary directory
    # under every name an old version would have used; the loader must read
    # a new private folder of its own, and the real images only.
    shared = tmp_path / "shared_tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    tree = tmp_path / "tree"
    add_bad_files(make_tree(tree))
    good = sorted(  # where 0.9.0 looked for its mirror, a predictable name
        os.path.relpath(p, tree)
        for p in map(str, tree.glob("*/*"))
        if not p.endswith(("empty.jpg", "notes.jpg"))
    )
    key = hashlib.sha1("\n".join([str(tree), *good]).encode()).hexdigest()[:16]
    old = shared / "keras_course_image_links" / key
    for planted in (old, shared / "keras_course_images_1_x"):
        for name in ("horses", "humans"):
            (planted / name).mkdir(parents=True)
            keras.utils.save_img(
                planted / name / "evil.png",
                np.full((6, 6, 3), 255, "uint8"),
                scale=False,
            )
    with pytest.warns(UserWarning):
        ds = image_folder_dataset(tree, image_size=6, shuffle=False)
    images, _ = collect(ds)
    assert len(images) == 6 and images.max() < 255  # none of the planted images
    mirrors = [
        p
        for p in shared.iterdir()
        if p.name.startswith(f"keras_course_images_{os.getpid()}_")
    ]
    assert len(mirrors) == 1 and stat.S_IMODE(mirrors[0].stat().st_mode) == 0o700
    # A mirror of a process that ended is removed; another user's is not ours.
    dead = shared / "keras_course_images_999999999_abc"
    dead.mkdir()
    with pytest.warns(UserWarning):
        image_folder_dataset(tree, image_size=6)
    assert not dead.exists()


def test_without_links_the_bad_files_are_dropped_while_reading(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError("symbolic links are not allowed here")

    monkeypatch.setattr(os, "symlink", no_links)
    add_bad_files(make_tree(tmp_path / "tree"))
    with pytest.warns(UserWarning, match="skips 2 file"):
        ds = image_folder_dataset(tmp_path / "tree", image_size=6, batch_size=4)
    images, labels = collect(ds)  # ignore_errors drops them; no crash
    assert len(images) == 6 and len(labels) == 6
    assert sorted(ds.file_paths) == sorted(
        str(path)
        for path in (tmp_path / "tree").glob("*/*")
        if path.name not in ("empty.jpg", "notes.jpg")
    )


def test_validation_split_both(tmp_path):
    make_tree(tmp_path, per_class=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no bad files: no warning
        train, val = image_folder_dataset(
            tmp_path, image_size=6, validation_split=0.2, subset="both", seed=1
        )
    assert len(collect(train)[0]) == 8 and len(collect(val)[0]) == 2


@pytest.mark.parametrize(
    "setup, kwargs, message",
    [
        (None, {"directory": "missing"}, "`directory` must be an existing folder"),
        ("flat", {}, "has no class folders"),
        ("one", {"label_mode": "categorical"}, "needs at least 2 class folders"),
        ("three", {"label_mode": "binary"}, "needs exactly 2 class folders"),
        ("two", {"image_size": (0, 5)}, "`image_size` must be an int or two"),
        ("two", {"image_size": (5, 5, 3)}, "`image_size` must be an int or two"),
        ("two", {"label_mode": "sparse"}, "`label_mode` must be one of"),
    ],
    ids=["missing", "flat", "one-class", "three-binary", "zero", "rank", "mode"],
)
def test_bad_arguments(tmp_path, setup, kwargs, message):
    if setup == "flat":
        keras.utils.save_img(tmp_path / "a.png", np.zeros((4, 4, 3)))
    elif setup:
        classes = {"one": ("a",), "two": ("a", "b"), "three": ("a", "b", "c")}[setup]
        make_tree(tmp_path, classes=classes, per_class=1)
    arguments = {"directory": tmp_path, "image_size": 4, **kwargs}
    if setup is None:
        arguments["directory"] = tmp_path / "missing"
    with pytest.raises(ValueError, match=message):
        image_folder_dataset(**arguments)


def tree_listing(root):
    return sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, files in os.walk(root)
        for f in files
    )


def test_split_copies_a_reproducible_split_and_skips_bad_files(tmp_path):
    source = make_tree(tmp_path / "source", per_class=10, size=(4, 4))
    bad = add_bad_files(source)
    with pytest.warns(UserWarning, match="split_image_folder skips 2 file"):
        result = split_image_folder(source, tmp_path / "out", split=0.9, seed=0)
    assert result.training == {"horses": 9, "humans": 9}
    assert result.validation == {"horses": 1, "humans": 1}
    assert {path for path, _ in result.skipped} == bad
    first = tree_listing(tmp_path / "out")
    assert len(first) == 20 and "training/horses/empty.jpg" not in first
    # Idempotent: the same seed writes the same tree again.
    with pytest.warns(UserWarning):
        split_image_folder(source, tmp_path / "out", seed=0, overwrite=True)
    assert tree_listing(tmp_path / "out") == first


def test_split_refuses_a_non_empty_destination(tmp_path):
    source = make_tree(tmp_path / "source", per_class=2, size=(4, 4))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(ValueError, match="is not empty; pass overwrite=True"):
        split_image_folder(source, tmp_path / "out")
    assert (tmp_path / "out" / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("split", [0, 1, 1.5, "half"], ids=str)
def test_split_fraction_must_be_inside(tmp_path, split):
    source = make_tree(tmp_path / "source", per_class=2, size=(4, 4))
    with pytest.raises(ValueError, match="`split` must be"):
        split_image_folder(source, tmp_path / "out", split=split)


def test_split_destination_inside_source_is_refused(tmp_path):
    source = make_tree(tmp_path / "source", per_class=2, size=(4, 4))
    with pytest.raises(ValueError, match="must not lie inside `source`"):
        split_image_folder(source, source / "split")
