"""The steps of `keras-course demo`: a short tour that prints course numbers.

Each step is a function returning rows `(step, what, ours, course)`; the CLI
prints them as they come and as one table at the end. Issues add steps here.
"""

import time

STEPS = {}


def step(name, summary):
    def decorator(fn):
        STEPS[name] = (summary, fn)
        return fn

    return decorator


@step("timeseries", "course 4: synthetic series and forecasting baselines")
def timeseries(log):
    from keras_course.datasets import synthetic_series
    from keras_course.ops import mae, naive_forecast

    split_time = 1000
    time_axis, series = synthetic_series()
    log(
        f"Generated the course's synthetic series: {len(series)} points, "
        f"split at {split_time}."
    )
    naive = mae(series[split_time:], naive_forecast(series, split_time))
    return [("timeseries", "naive forecast, validation MAE", naive, 5.94)]


def run(names, log=print):
    """Runs the named steps in order; returns all result rows."""
    rows = []
    for name in names:
        summary, fn = STEPS[name]
        log(f"== {name}: {summary}")
        started = time.perf_counter()
        step_rows = fn(log)
        for row in step_rows:
            log(f"   {row[1]}: {row[2]:.4g} (course: {row[3]})")
        log(f"   done in {time.perf_counter() - started:.1f} s")
        rows.extend(step_rows)
    return rows


def format_table(rows):
    header = ("step", "result", "keras-course", "course")
    cells = [header] + [
        (s, what, f"{ours:.4g}", "" if course is None else f"{course}")
        for s, what, ours, course in rows
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(4)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
