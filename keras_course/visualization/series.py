import numpy as np

from keras_course._validation import check_int, check_series
from keras_course.api_export import keras_course_export


def axes_or_new(ax, figsize=(10, 6)):
    """`ax`, or the Axes of a new figure (imports matplotlib lazily)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


@keras_course_export("keras_course.visualization.plot_series")
def plot_series(time, series, *forecasts, start=0, end=None, labels=None, ax=None):
    """Plots a series and any forecasts over it, as the course's `plot_series`.

    Args:
        time: 1-D array of time steps.
        series: 1-D array, same length as `time`.
        *forecasts: more 1-D arrays, each aligned with the *end* of `time`
            (a validation forecast of length `n` is drawn over `time[-n:]`).
        start: int, first index of `time` to draw. Defaults to 0.
        end: int or None, one past the last index to draw.
        labels: list of legend labels, one for the series and one per forecast.
        ax: matplotlib Axes to draw into; a new figure when None.

    Returns:
        The matplotlib Axes.

    Example:

    >>> from keras_course.datasets import synthetic_series
    >>> time, series = synthetic_series()
    >>> ax = plot_series(time, series, series[1000:] * 0, start=900)
    >>> len(ax.lines)
    2
    """
    time = check_series(time, "time")
    curves = [check_series(series)] + [
        check_series(f, f"forecasts[{i}]") for i, f in enumerate(forecasts)
    ]
    start = check_int("start", start, minimum=0)
    end = len(time) if end is None else check_int("end", end)
    if len(curves[0]) != len(time):
        raise ValueError(
            "`series` must have the same length as `time`. Received: "
            f"len(time)={len(time)}, len(series)={len(curves[0])}"
        )
    if labels is not None and len(labels) != len(curves):
        raise ValueError(
            f"`labels` must have {len(curves)} entries (series + forecasts). "
            f"Received: labels={labels!r}"
        )
    ax = axes_or_new(ax)
    for i, curve in enumerate(curves):
        if len(curve) > len(time):
            raise ValueError(
                f"forecasts[{i - 1}] is longer than `time`: {len(curve)} > {len(time)}"
            )
        offset = len(time) - len(curve)
        index = np.arange(offset, len(time))
        keep = (index >= start) & (index < end)
        label = None if labels is None else labels[i]
        ax.plot(time[index[keep]], curve[keep], label=label)
    ax.set_xlabel("Time")
    ax.set_ylabel("Value")
    ax.grid(True)
    if labels is not None:
        ax.legend()
    return ax
