"""The course's synthetic time series (TensorFlow in Practice, course 4).

The functions keep the lab's names, arguments and arithmetic so the result is
the lab's series bit for bit (float32 time axis, float64 noise added in place).
"""

import numpy as np

from keras_course._validation import check_int, check_number
from keras_course.api_export import keras_course_export


def trend(time, slope=0.0):
    """A straight line: `slope * time`."""
    return slope * time


def seasonal_pattern(season_time):
    """The lab's arbitrary yearly shape: a cosine, then an exponential decay."""
    return np.where(
        season_time < 0.4,
        np.cos(season_time * 2 * np.pi),
        1 / np.exp(3 * season_time),
    )


def seasonality(time, period, amplitude=1.0, phase=0):
    """Repeats `seasonal_pattern` every `period` steps, scaled by `amplitude`."""
    season_time = ((time + phase) % period) / period
    return amplitude * seasonal_pattern(season_time)


def noise(time, noise_level=1.0, seed=None):
    """Gaussian noise from `np.random.RandomState(seed)`, as the lab draws it."""
    rnd = np.random.RandomState(seed)
    return rnd.randn(len(time)) * noise_level


@keras_course_export("keras_course.datasets.synthetic_series")
def synthetic_series(
    time_steps=1461,
    baseline=10.0,
    slope=0.05,
    amplitude=40.0,
    period=365,
    phase=0,
    noise_level=5.0,
    seed=42,
):
    """The course's synthetic series: baseline + trend + seasonality + noise.

    With the defaults this is exactly the series of the course 4 labs (1461
    daily points, split at 1000; its naive forecast has validation MAE 5.94).

    Args:
        time_steps: int, number of points. Defaults to 4 * 365 + 1.
        baseline: float, level at time 0.
        slope: float, trend per step.
        amplitude: float, height of the seasonal pattern.
        period: int, steps per season.
        phase: int, shift of the seasonal pattern.
        noise_level: float, standard deviation of the noise (0 for none).
        seed: int or None, seed of `np.random.RandomState`.

    Returns:
        `(time, series)`, two float32 arrays of shape `(time_steps,)`.

    Example:

    >>> time, series = synthetic_series()
    >>> series.shape, series.dtype
    ((1461,), dtype('float32'))
    """
    time_steps = check_int("time_steps", time_steps)
    period = check_int("period", period)
    phase = check_int("phase", phase, minimum=-(2**31))
    for name, value in (
        ("baseline", baseline),
        ("slope", slope),
        ("amplitude", amplitude),
    ):
        check_number(name, value)
    if check_number("noise_level", noise_level) < 0:
        raise ValueError(
            f"`noise_level` must be >= 0. Received: noise_level={noise_level}"
        )
    time = np.arange(time_steps, dtype="float32")
    series = (
        baseline
        + trend(time, slope)
        + seasonality(time, period=period, amplitude=amplitude, phase=phase)
    )
    series += noise(time, noise_level, seed=seed)
    return time, series.astype("float32", copy=False)
