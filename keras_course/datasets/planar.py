"""The Deep Learning Specialization's two-dimensional toy sets (courses 1-2)."""

import numpy as np

from keras_course._validation import check_int, check_number
from keras_course.api_export import keras_course_export


def _num_samples(num_samples):
    num_samples = check_int("num_samples", num_samples)
    if num_samples < 2:
        raise ValueError(
            "`num_samples` must be at least 2 (one point of each class). "
            f"Received: num_samples={num_samples}"
        )
    return num_samples


def _noise(noise):
    noise = check_number("noise", noise)
    if noise < 0:
        raise ValueError(f"`noise` must be >= 0. Received: noise={noise!r}")
    return noise


@keras_course_export("keras_course.datasets.planar_flower")
def planar_flower(num_samples=400, petals=4, noise=0.2, seed=1):
    """The course 1 week 3 "flower": two classes of points on its petals.

    The course's `load_planar_dataset`: for each class `j` (half the points
    each), angles `t` spread over `[3.12 j, 3.12 (j + 1)]` plus N(0, 0.2)
    noise, radius `4 sin(petals t)` plus N(0, 0.2), point `(r sin t, r cos
    t)`. With the defaults (its `np.random.seed(1)` included) the points are
    the course's, in Keras's `(samples, features)` layout instead of its
    `(features, samples)`.

    Args:
        num_samples: int >= 2. Defaults to 400.
        petals: int, the flower's `sin(petals · t)`. Defaults to 4.
        noise: float >= 0, the standard deviation of both noises.
        seed: int or None. Defaults to 1, the course's.

    Returns:
        `(x, y)`: float32 `(num_samples, 2)` and int32 `(num_samples,)`.

    Example:

    >>> x, y = planar_flower()
    >>> x.shape, int(y.sum())
    ((400, 2), 200)
    """
    num_samples = _num_samples(num_samples)
    petals = check_int("petals", petals)
    noise = _noise(noise)
    legacy = np.random.RandomState(seed)  # the course's np.random.seed stream
    half = num_samples // 2
    x = np.zeros((num_samples, 2))
    y = np.zeros(num_samples, "int32")
    for j in range(2):
        index = slice(half * j, half * (j + 1) if j == 0 else num_samples)
        count = index.stop - index.start
        t = np.linspace(j * 3.12, (j + 1) * 3.12, count) + legacy.randn(count) * noise
        r = 4 * np.sin(petals * t) + legacy.randn(count) * noise
        x[index] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[index] = j
    return x.astype("float32"), y


@keras_course_export("keras_course.datasets.circles")
def circles(num_samples=300, noise=0.05, seed=None):
    """Two noisy concentric circles: course 2 week 1's initialisation set.

    scikit-learn's `make_circles(n_samples, noise)`, as the course calls it
    (it seeds `np.random.seed(1)` for 300 training and `seed(2)` for 100
    test points: `circles(300, seed=1)` and `circles(100, seed=2)`).

    Returns:
        `(x, y)`: float32 `(num_samples, 2)` and int32 `(num_samples,)`.

    >>> x, y = circles(10, seed=0)
    >>> x.shape, sorted(set(y.tolist()))
    ((10, 2), [0, 1])
    """
    from sklearn.datasets import make_circles

    num_samples, noise = _num_samples(num_samples), _noise(noise)
    x, y = make_circles(num_samples, noise=noise, random_state=_legacy(seed))
    return x.astype("float32"), y.astype("int32")


@keras_course_export("keras_course.datasets.moons")
def moons(num_samples=300, noise=0.2, seed=None):
    """Two interleaved noisy half-moons: course 2 week 2's optimisation set.

    scikit-learn's `make_moons(n_samples, noise)`, as the course calls it
    after `np.random.seed(3)`: `moons(seed=3)`.

    Returns:
        `(x, y)`: float32 `(num_samples, 2)` and int32 `(num_samples,)`.

    >>> x, y = moons(8, seed=3)
    >>> x.shape, y.dtype.name
    ((8, 2), 'int32')
    """
    from sklearn.datasets import make_moons

    num_samples, noise = _num_samples(num_samples), _noise(noise)
    x, y = make_moons(num_samples, noise=noise, random_state=_legacy(seed))
    return x.astype("float32"), y.astype("int32")


def _legacy(seed):
    # The course seeds numpy's global generator, which scikit-learn then
    # uses; a RandomState with the same seed draws the same numbers.
    return None if seed is None else np.random.RandomState(seed)


@keras_course_export("keras_course.datasets.noisy_boundary")
def noisy_boundary(num_samples=211, noise=0.15, seed=None):
    """A stand-in for course 2 week 1's regularisation set (the goalkeeper's
    kicks): two classes in the plane split by a wavy line, with noisy labels.

    The course's `data.mat` (211 training and 200 test positions on a
    football pitch, which team headed the ball) cannot be downloaded here.
    This set has its character: points spread over `[-0.75, 0.75] × [-0.75,
    0.75]`, a curved boundary `x2 = 0.3 sin(4 x1)`, and labels flipped near
    it with a probability that falls off over `noise` (more flips close to
    the line), so an unregularised network fits the noise and a regularised
    one generalises better.

    Args:
        num_samples: int >= 2. Defaults to 211, the course's training size.
        noise: float >= 0, the width of the band of flipped labels.
        seed: int or None.

    Returns:
        `(x, y)`: float32 `(num_samples, 2)` and int32 `(num_samples,)`.

    >>> x, y = noisy_boundary(seed=0)
    >>> x.shape, bool(0.3 < y.mean() < 0.7)
    ((211, 2), True)
    """
    num_samples, noise = _num_samples(num_samples), _noise(noise)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-0.75, 0.75, (num_samples, 2))
    margin = x[:, 1] - 0.3 * np.sin(4 * x[:, 0])
    y = (margin > 0).astype("int32")
    if noise > 0:
        flip = rng.random(num_samples) < 0.45 * np.exp(-np.abs(margin) / noise)
        y = np.where(flip, 1 - y, y).astype("int32")
    return x.astype("float32"), y
