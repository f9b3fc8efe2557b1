import numpy as np
import pytest

from keras_course.datasets import circles, moons, noisy_boundary, planar_flower
from keras_course.reference import (
    course_init_and_optimization_sets,
    course_load_planar_dataset,
)


def test_the_course_sets_exactly_in_keras_layout():
    X, Y = course_load_planar_dataset()
    x, y = planar_flower()
    np.testing.assert_array_equal(x, X.T.astype("float32"))
    np.testing.assert_array_equal(y, Y[0])
    sets = course_init_and_optimization_sets()
    for ours, name in [
        (circles(300, seed=1), "circles_train"),
        (circles(100, seed=2), "circles_test"),
        (moons(seed=3), "moons"),
    ]:
        X, Y = sets[name]
        np.testing.assert_array_equal(ours[0], X.T.astype("float32"))
        np.testing.assert_array_equal(ours[1], Y[0])


def test_options_and_the_regularisation_stand_in():
    x, y = planar_flower(101, petals=3, seed=0)
    assert x.shape == (101, 2) and np.bincount(y).tolist() == [50, 51]
    assert not np.array_equal(planar_flower(seed=2)[0], planar_flower()[0])
    x, y = noisy_boundary(500, seed=0)
    clean = (x[:, 1] > 0.3 * np.sin(4 * x[:, 0])).astype(int)
    flipped = y != clean
    assert 0.02 < flipped.mean() < 0.3  # noisy labels...
    margin = np.abs(x[:, 1] - 0.3 * np.sin(4 * x[:, 0]))
    assert margin[flipped].mean() < margin[~flipped].mean()  # ...near the line
    assert (noisy_boundary(200, noise=0, seed=0)[1] == (
        noisy_boundary(200, noise=0, seed=0)[0][:, 1]
        > 0.3 * np.sin(4 * noisy_boundary(200, noise=0, seed=0)[0][:, 0])
    )).all()  # fmt: skip


@pytest.mark.parametrize("make", [planar_flower, circles, moons, noisy_boundary])
def test_bad_input(make):
    with pytest.raises(ValueError, match="at least 2"):
        make(num_samples=1)
    with pytest.raises(ValueError, match="noise"):
        make(noise=-0.1)
