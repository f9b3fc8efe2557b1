import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export
from keras_course.visualization.series import axes_or_new


@keras_course_export("keras_course.visualization.plot_decision_boundary")
def plot_decision_boundary(model, x, y, resolution=200, ax=None):
    """The course's `plot_decision_boundary`: regions a classifier assigns
    over the plane, with the points on top.

    Args:
        model: a Keras model (or any callable of a `(n, 2)` array) giving a
            probability `(n,)`/`(n, 1)` (cut at 0.5) or class scores `(n, k)`
            (their argmax); or an object with `predict`.
        x: `(n, 2)` points; y: their `(n,)` labels.
        resolution: int, grid points per axis. Defaults to 200.
        ax: a matplotlib Axes, or None for a new figure.

    Returns:
        The matplotlib Axes.

    Example:

    >>> ax = plot_decision_boundary(lambda p: p[:, 0] > 0,
    ...                             np.array([[-1.0, 0.0], [1.0, 1.0]]), [0, 1])
    >>> ax.get_xlabel()
    'x1'
    """
    x = np.asarray(x, "float32")
    y = np.asarray(y).reshape(-1)
    if x.ndim != 2 or x.shape[1] != 2 or len(y) != len(x):
        raise ValueError(
            "`x` must be (n, 2) points and `y` their n labels. Received: "
            f"x {x.shape}, y {y.shape}"
        )
    resolution = check_int("resolution", resolution, minimum=2)
    low, high = x.min(axis=0) - 1.0, x.max(axis=0) + 1.0
    g1, g2 = np.meshgrid(
        np.linspace(low[0], high[0], resolution),
        np.linspace(low[1], high[1], resolution),
    )
    grid = np.c_[g1.ravel(), g2.ravel()].astype("float32")
    if hasattr(model, "predict"):
        scores = model.predict(grid, verbose=0, batch_size=4096)
    else:
        scores = model(grid)
    scores = np.asarray(scores)
    if scores.ndim == 2 and scores.shape[1] > 1:
        classes = scores.argmax(axis=1)
    else:
        classes = (scores.reshape(-1) > 0.5).astype(int)
    ax = axes_or_new(ax, figsize=(6, 5))
    ax.contourf(g1, g2, classes.reshape(g1.shape), cmap="Spectral", alpha=0.6)
    ax.scatter(x[:, 0], x[:, 1], c=y, cmap="Spectral", edgecolors="k", s=20)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return ax
