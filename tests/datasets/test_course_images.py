import numpy as np
import pytest
import tensorflow_datasets as tfds

from keras_course.datasets import (
    load_cats_vs_dogs,
    load_fashion_mnist,
    load_horses_or_humans,
    load_rock_paper_scissors,
)


def first_batch(loader, **kwargs):
    with tfds.testing.mock_data(num_examples=6):
        dataset = loader(**kwargs)
        images, labels = next(iter(dataset))
    return dataset, images.numpy(), labels.numpy()


@pytest.mark.parametrize(
    "loader, image_size, labels_shape, names",
    [
        (load_horses_or_humans, 40, (3, 1), ["horses", "humans"]),
        (load_rock_paper_scissors, 40, (3,), ["rock", "paper", "scissors"]),
        (load_cats_vs_dogs, 40, (3, 1), ["cat", "dog"]),
        (load_fashion_mnist, None, (3,), None),
    ],
    ids=["horses", "rps", "cats", "fashion"],
)
def test_ready_batches_from_mock_data(loader, image_size, labels_shape, names):
    dataset, images, labels = first_batch(
        loader, image_size=image_size, batch_size=3, seed=0
    )
    side = 28 if image_size is None else image_size
    channels = 1 if image_size is None else 3
    assert images.shape == (3, side, side, channels) and images.dtype == np.float32
    # Raw pixels, as Keras's loaders: the applications rescale inside.
    assert 0.0 <= images.min() and images.max() <= 255.0 and images.max() > 1.0
    assert labels.shape == labels_shape
    if names is not None:
        assert dataset.class_names == names


def test_rescale_and_int_labels():
    _, images, labels = first_batch(
        load_horses_or_humans, image_size=16, rescale=1 / 255, label_mode="int"
    )
    assert 0.0 <= images.min() and images.max() <= 1.0
    assert labels.dtype == np.int64 and labels.ndim == 1


def test_not_prepared_and_no_download_says_where_and_how(tmp_path):
    with pytest.raises(OSError) as error:
        load_cats_vs_dogs(data_dir=tmp_path, download=False)
    message = str(error.value)
    assert "'cats_vs_dogs'" in message and str(tmp_path) in message
    assert "load_cats_vs_dogs(data_dir=...)" in message
    assert "image_folder_dataset" in message


def test_offline_download_error_is_explained(monkeypatch):
    def offline(*args, **kwargs):
        raise ConnectionError("Temporary failure in name resolution")

    monkeypatch.setattr(tfds, "load", offline)
    with pytest.raises(OSError, match="ConnectionError: Temporary failure"):
        load_horses_or_humans()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"label_mode": "binary"}, "label_mode='binary' needs 2 classes"),
        ({"image_size": (0, 4)}, "`image_size` must be"),
        ({"label_mode": "sparse"}, "`label_mode` must be one of"),
        ({"batch_size": 0}, "`batch_size` must be a positive int"),
    ],
    ids=["binary-rps", "size", "mode", "batch"],
)
def test_bad_arguments(kwargs, message):
    with tfds.testing.mock_data(num_examples=2):
        with pytest.raises(ValueError, match=message):
            load_rock_paper_scissors(**kwargs)


def write_idx(path, array):
    """An idx file of unsigned bytes (the MNIST format), gzipped."""
    import gzip

    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype("uint8").tobytes())


def idx_folder(root, n=6):
    rng = np.random.default_rng(0)
    for prefix in ("train", "t10k"):
        write_idx(
            root / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28))
        )
        write_idx(root / f"{prefix}-labels-idx1-ubyte.gz", np.arange(n) % 10)
    return root


def test_fashion_mnist_from_a_folder_of_idx_files(tmp_path):
    idx_folder(tmp_path)
    ds = load_fashion_mnist("test", path=tmp_path, batch_size=6, shuffle=False)
    images, labels = (t.numpy() for t in next(iter(ds)))
    assert images.shape == (6, 28, 28, 1) and images.max() > 1.0  # raw pixels
    assert labels.tolist() == [0, 1, 2, 3, 4, 5]
    assert ds.class_names[0] == "T-shirt/top" and ds.class_names[9] == "Ankle boot"
    # The whole split is shuffled, the same way for the same seed.
    orders = [
        next(iter(load_fashion_mnist("train", path=tmp_path, batch_size=6, seed=s)))[1]
        .numpy()
        .tolist()
        for s in (1, 1)
    ]
    assert orders[0] == orders[1] and sorted(orders[0]) == [0, 1, 2, 3, 4, 5]


def test_fashion_mnist_reads_debians_folder_by_default(tmp_path, monkeypatch):
    from keras_course.datasets import course_images

    monkeypatch.setattr(
        course_images, "DEBIAN_FASHION_MNIST", str(idx_folder(tmp_path, n=4))
    )
    images, _ = next(iter(load_fashion_mnist("test", batch_size=8)))
    assert images.shape[0] == 4  # the folder's four images, not tfds's


def test_fashion_mnist_folder_errors(tmp_path):
    with pytest.raises(
        OSError, match="t10k-images-idx3-ubyte.gz.*dataset-fashion-mnist"
    ):
        load_fashion_mnist("test", path=tmp_path)
    idx_folder(tmp_path)
    with pytest.raises(ValueError, match="split.*'train' or 'test'"):
        load_fashion_mnist("train[:10%]", path=tmp_path)
    data = (tmp_path / "t10k-images-idx3-ubyte.gz").read_bytes()
    import gzip

    raw = gzip.decompress(data)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(raw[:-100]))
    with pytest.raises(ValueError, match="truncated"):
        load_fashion_mnist("test", path=tmp_path)
