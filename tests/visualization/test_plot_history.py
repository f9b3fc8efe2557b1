import keras
import numpy as np
import pytest

from keras_course.visualization import plot_history

LOGS = {
    "accuracy": [0.5, 0.7, 0.8],
    "loss": [1.0, 0.6, 0.4],
    "val_loss": [1.1, 0.8, 0.7],
    "val_accuracy": [0.4, 0.6, 0.7],
}


def test_one_panel_per_metric_loss_first_with_train_and_validation():
    axes = plot_history(LOGS)
    assert [ax.get_title() for ax in axes] == ["loss", "accuracy"]
    labels = [line.get_label() for line in axes[0].lines]
    assert labels == ["training", "validation"]
    np.testing.assert_array_equal(axes[0].lines[1].get_ydata(), LOGS["val_loss"])
    np.testing.assert_array_equal(axes[0].lines[0].get_xdata(), [1, 2, 3])


def test_accepts_a_history_from_fit_and_a_metric_subset():
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile("sgd", loss="mse", metrics=["mae"])
    x = np.ones((8, 1), "float32")
    history = model.fit(x, x, epochs=2, verbose=0)
    axes = plot_history(history, metrics="mae")
    assert len(axes) == 1 and len(axes[0].lines[0].get_ydata()) == 2


def test_draws_into_given_axes():
    import matplotlib.pyplot as plt

    _, axes = plt.subplots(1, 2)
    assert plot_history(LOGS, axes=axes) == list(axes)


@pytest.mark.parametrize(
    "history, kwargs, message",
    [
        ({}, {}, "non-empty dict"),
        ([1.0, 2.0], {}, "non-empty dict"),
        (LOGS, {"metrics": ["f1"]}, "not in the history"),
        (LOGS, {"axes": [None]}, "one Axes per metric"),
    ],
    ids=["empty", "list", "unknown-metric", "axes"],
)
def test_bad_input(history, kwargs, message):
    with pytest.raises(ValueError, match=message):
        plot_history(history, **kwargs)
