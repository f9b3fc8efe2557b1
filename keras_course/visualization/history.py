import numpy as np

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.visualization.plot_history")
def plot_history(history, metrics=None, axes=None):
    """Training and validation curves of a `fit`, one panel per metric.

    The course plots `history.history["accuracy"]` and `"val_accuracy"` (then
    the losses) by hand after every training run; this draws all of them.

    Args:
        history: a `keras.callbacks.History` (what `fit` returns) or its
            `.history` dict.
        metrics: list of metric names to draw (without `val_`); by default every
            training metric in the history, loss first.
        axes: sequence of matplotlib Axes, one per metric; new ones when None.

    Returns:
        A list of matplotlib Axes, one per metric.

    Example:

    >>> axes = plot_history({"loss": [1.0, 0.5], "val_loss": [1.2, 0.8],
    ...                      "accuracy": [0.6, 0.8]})
    >>> [ax.get_title() for ax in axes]
    ['loss', 'accuracy']
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict) or not logs:
        raise ValueError(
            "`history` must be a History or a non-empty dict of metric lists. "
            f"Received: history of type {type(history).__name__}"
        )
    if metrics is None:
        metrics = [k for k in logs if not k.startswith("val_")]
        metrics.sort(key=lambda name: name != "loss")
    elif isinstance(metrics, str):
        metrics = [metrics]
    missing = [m for m in metrics if m not in logs and f"val_{m}" not in logs]
    if missing:
        raise ValueError(
            f"`metrics` names metrics not in the history: {missing}. "
            f"Available: {sorted(logs)}"
        )
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(
            1, len(metrics), figsize=(5 * len(metrics), 4), squeeze=False
        )
        axes = list(axes[0])
    elif len(axes) != len(metrics):
        raise ValueError(
            f"`axes` must hold one Axes per metric ({len(metrics)}). "
            f"Received: {len(axes)} Axes"
        )
    for ax, name in zip(axes, metrics, strict=True):
        for key, label in ((name, "training"), (f"val_{name}", "validation")):
            if key in logs:
                values = np.asarray(logs[key], dtype="float64")
                ax.plot(np.arange(1, len(values) + 1), values, label=label)
        ax.set_title(name)
        ax.set_xlabel("epoch")
        ax.legend()
        ax.grid(True, alpha=0.3)
    return list(axes)
