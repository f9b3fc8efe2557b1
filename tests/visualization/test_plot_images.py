import os

import keras
import numpy as np
import pytest

from keras_course.datasets import image_folder_dataset
from keras_course.visualization import plot_images


def test_titles_from_a_dataset_use_its_class_names(tmp_path):
    for index, name in enumerate(("horses", "humans")):
        os.makedirs(tmp_path / name)
        for i in range(3):
            image = np.full((6, 6, 3), index * 200, "uint8")
            keras.utils.save_img(tmp_path / name / f"{i}.png", image, scale=False)
    dataset = image_folder_dataset(tmp_path, image_size=6, batch_size=4, seed=0)
    figure = plot_images(dataset, max_images=5, columns=3)
    titled = [ax for ax in figure.axes if ax.get_title()]
    assert len(figure.axes) == 6 and len(titled) == 5
    for ax in titled:
        shown = ax.get_images()[0].get_array()
        # horses are black, humans bright: the title matches the pixels.
        assert ax.get_title() == ("humans" if shown.mean() > 0.5 else "horses")


def test_one_hot_labels_and_grey_images():
    images = np.zeros((3, 5, 5, 1))
    labels = np.eye(3)
    figure = plot_images(images, labels, class_names=["rock", "paper", "scissors"])
    assert [ax.get_title() for ax in figure.axes[:3]] == ["rock", "paper", "scissors"]
    assert figure.axes[0].get_images()[0].get_array().shape == (5, 5)


@pytest.mark.parametrize(
    "data, message",
    [(np.zeros((2, 5)), "must hold images"), (np.zeros((0, 4, 4, 3)), "must hold")],
    ids=["rank", "empty"],
)
def test_bad_images(data, message):
    with pytest.raises(ValueError, match=message):
        plot_images(data)


def test_feature_maps_one_row_per_image_layer():
    from keras_course.applications import HorseOrHumanClassifier
    from keras_course.visualization import plot_feature_maps

    model = HorseOrHumanClassifier((32, 32, 3))
    figure = plot_feature_maps(model, np.zeros((32, 32, 3)), max_channels=4)
    rows = [ax.get_ylabel() for ax in figure.axes if ax.get_ylabel()]
    assert rows == ["conv_0", "pool_0", "conv_1", "pool_1", "conv_2", "pool_2"]
    assert len(figure.axes) == 6 * 4
    shown = figure.axes[0].get_images()[0].get_array()
    assert shown.shape == (30, 30)  # conv_0 of a 32x32 input


def test_feature_maps_bad_input():
    from keras_course.applications import HorseOrHumanClassifier
    from keras_course.visualization import plot_feature_maps

    model = HorseOrHumanClassifier((32, 32, 3))
    with pytest.raises(ValueError, match="No image-shaped layer named"):
        plot_feature_maps(model, np.zeros((32, 32, 3)), layers=["hidden"])
    with pytest.raises(ValueError, match="must be one image"):
        plot_feature_maps(model, np.zeros((1, 32, 32, 3)))
