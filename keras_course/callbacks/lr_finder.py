import collections.abc
import inspect
import math
import warnings

import keras
import numpy as np

from keras_course._keras_internals import (
    flatten_layers,
    learning_rate_slot,
    set_learning_rate_slot,
    symbolic_build,
)
from keras_course._validation import (
    check_choice,
    check_fraction,
    check_int,
    check_number,
)
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.callbacks.LRFinder")
class LRFinder(keras.callbacks.Callback):
    """Sweeps the learning rate up every batch and records the loss.

    The course sweeps once per *epoch*
    (`LearningRateScheduler(lambda epoch: 1e-8 * 10**(epoch / 20))` for 100
    epochs) and reads a semilog plot by eye. This callback raises the rate every
    *batch*, so `num_steps` batches replace `num_steps` epochs, records
    `(lr, loss)` with an exponentially smoothed loss, stops as soon as the
    smoothed loss exceeds `stop_factor` times its best value (or the loss is not
    finite), and then puts the model back exactly as it was: weights, optimizer
    variables (slots, iteration count) and learning rate, bit for bit. The
    sweep itself starts from a fresh optimizer state, so that momentum left by
    earlier training at another rate does not move the weights in its first
    batches.

    This callback records one sweep. `find_learning_rate` runs three, each
    with its own batch order, and reads their mean: the suggestion rules
    were chosen on that mean, and one sweep's curve is noisier.

    The per-batch loss is recovered from Keras's running epoch mean
    (`loss_k = k * mean_k - (k - 1) * mean_{k-1}`), so it is exact for equal
    batch sizes.

    Learning-rate schedules: for the sweep the schedule is replaced by a
    constant rate the finder controls, and put back afterwards; the suggestion
    is then a good *initial* value for the schedule. This needs the TensorFlow
    backend; on JAX use an optimizer with a float learning rate.

    Restoring also happens when the sweep ends by divergence or NaN. A
    `KeyboardInterrupt` skips Keras's `on_train_end`; `find_learning_rate`
    restores in a `finally` block, or call `restore_state()` yourself (the
    `restore` argument only says whether `on_train_end` does it).

    Args:
        start_lr: float, first learning rate. Defaults to 1e-8 (the course's).
        end_lr: float, last learning rate. Defaults to 10.
        num_steps: int, batches in the sweep. Defaults to 100.
        mode: `"exponential"` (evenly spaced in log scale) or `"linear"`.
        smoothing: float in [0, 1), the EMA factor of the smoothed loss.
        stop_factor: float > 1, stop when smoothed loss > factor * best.
        restore: bool, restore the model and optimizer after the sweep.

    Attributes:
        lrs, losses, smoothed_losses: lists filled during the sweep.

    Example:

    >>> finder = LRFinder(start_lr=1e-6, end_lr=1.0, num_steps=7)
    >>> [f"{lr:.0e}" for lr in finder.schedule()]
    ['1e-06', '1e-05', '1e-04', '1e-03', '1e-02', '1e-01', '1e+00']
    """

    def __init__(
        self,
        start_lr=1e-8,
        end_lr=10.0,
        num_steps=100,
        mode="exponential",
        smoothing=0.98,
        stop_factor=4.0,
        restore=True,
    ):
        super().__init__()
        self.start_lr = check_number("start_lr", start_lr, positive=True)
        self.end_lr = check_number("end_lr", end_lr, positive=True)
        if self.start_lr >= self.end_lr:
            raise ValueError(
                "`start_lr` must be smaller than `end_lr`. Received: "
                f"start_lr={start_lr}, end_lr={end_lr}"
            )
        self.num_steps = check_int("num_steps", num_steps, minimum=2)
        self.mode = check_choice("mode", mode, ("exponential", "linear"))
        self.smoothing = check_fraction("smoothing", smoothing)
        self.stop_factor = check_number("stop_factor", stop_factor)
        if self.stop_factor <= 1.0:
            raise ValueError(
                f"`stop_factor` must be > 1. Received: stop_factor={stop_factor}"
            )
        self.restore = bool(restore)
        self.lrs, self.losses, self.smoothed_losses = [], [], []
        self._saved = None
        self._max_steps = None  # find_learning_rate's cap on later sweeps
        self._fresh = None  # (optimizer, its variable count, its fresh state)
        self._sweep_rate = None  # (optimizer, the rate variable for a schedule)

    def schedule(self):
        """The `num_steps` learning rates of the sweep, as a numpy array."""
        if self.mode == "exponential":
            return np.geomspace(self.start_lr, self.end_lr, self.num_steps)
        return np.linspace(self.start_lr, self.end_lr, self.num_steps)

    # -- state -------------------------------------------------------------------

    def _sync(self):
        # The JAX trainer keeps the training state outside the variables within
        # an epoch; syncing writes it back and makes the next step re-read the
        # variables (the mechanism Keras provides for callbacks).
        if hasattr(self.model, "jax_state_sync"):
            self.model.jax_state_sync()

    def _save(self):
        if not all(layer.built for layer in flatten_layers(self.model)):
            raise ValueError(
                "LRFinder needs a built model to take its snapshot (fit builds "
                "one only once the sweep has begun): call the model on one "
                "batch first. find_learning_rate builds it from arrays or a "
                "tf.data.Dataset."
            )
        optimizer = self.model.optimizer
        unbuilt = not optimizer.built
        if unbuilt:
            optimizer.build(self.model.trainable_variables)
        self._saved = {
            "weights": [np.copy(w) for w in self.model.get_weights()],
            "optimizer": [np.copy(v.numpy()) for v in optimizer.variables],
            "schedule": None,
        }
        # After the snapshot, before the sweep's rate variable joins the
        # optimizer's variables (a fresh optimizer would not have it). Built
        # once per optimizer: find_learning_rate's later sweeps reuse it.
        key = (optimizer, len(optimizer.variables))
        if self._fresh is None or self._fresh[:2] != key:
            if unbuilt:  # built just now: its own state is the fresh one
                fresh = self._saved["optimizer"]
            else:
                fresh = _fresh_optimizer_state(
                    optimizer, self.model.trainable_variables
                )
            self._fresh = (*key, fresh)
        if self._fresh[2] is not None:
            for variable, value in zip(
                optimizer.variables, self._fresh[2], strict=True
            ):
                variable.assign(value)
        if isinstance(learning_rate_slot(optimizer), keras.Variable):
            self._rate_variable = learning_rate_slot(optimizer)
            return
        if keras.backend.backend() != "tensorflow":
            self._saved = None
            raise ValueError(
                "LRFinder can sweep an optimizer whose learning rate is a "
                "schedule only on the TensorFlow backend; use a float learning "
                f"rate. Received: learning_rate={learning_rate_slot(optimizer)!r}"
            )
        import tensorflow as tf

        self._saved["schedule"] = learning_rate_slot(optimizer)
        # One variable per optimizer, reused by every sweep: a compiled sweep
        # (find_learning_rate's) holds on to the variable it was traced with.
        if self._sweep_rate is None or self._sweep_rate[0] is not optimizer:
            with tf.distribute.get_strategy().scope():
                rate = keras.Variable(
                    self.start_lr, dtype=keras.config.floatx(), trainable=False
                )
            self._sweep_rate = (optimizer, rate)
        set_learning_rate_slot(optimizer, self._sweep_rate[1])
        self._rate_variable = self._sweep_rate[1]
        # The compiled step read the schedule; rebuild it to read the variable.
        self.model.make_train_function(force=True)

    def _put_back_schedule(self):
        if self._saved["schedule"] is not None:
            # The public setter also untracks the sweep's variable.
            self.model.optimizer.learning_rate = self._saved["schedule"]
            self.model.make_train_function(force=True)

    def restore_state(self):
        """Puts back the weights, optimizer variables and learning rate."""
        if self._saved is None:
            return
        self._sync()
        self._put_back_schedule()
        self.model.set_weights(self._saved["weights"])
        for variable, value in zip(
            self.model.optimizer.variables, self._saved["optimizer"], strict=True
        ):
            variable.assign(value)
        self._saved = None

    # -- callback ----------------------------------------------------------------

    def on_train_begin(self, logs=None):
        self._begin()

    def _begin(self):
        """Starts a sweep: empties the record, saves the model's state and
        puts the fresh optimizer state and the sweep's rate variable in."""
        self.lrs, self.losses, self.smoothed_losses = [], [], []
        self._rates = self.schedule()[: self._max_steps].tolist()
        self._average = 0.0
        self._best = math.inf
        self._previous_mean = 0.0
        self._save()

    def on_epoch_begin(self, epoch, logs=None):
        self._previous_mean = 0.0  # Keras resets its running loss mean here

    def on_train_batch_begin(self, batch, logs=None):
        step = len(self.lrs)
        if step >= len(self._rates):
            self.model.stop_training = True
            return
        self._sync()
        self._rate_variable.assign(self._rates[step])

    def on_train_batch_end(self, batch, logs=None):
        if len(self.lrs) >= len(self._rates) or "loss" not in (logs or {}):
            return
        mean = float(logs["loss"])
        loss = (batch + 1) * mean - batch * self._previous_mean
        self._previous_mean = mean
        if self._record(loss):
            self.model.stop_training = True

    def _record(self, loss):
        """Records the next step's batch loss; True when the sweep ends there
        (the loss is not finite, it blew up, or the rates are used up)."""
        step = len(self.lrs)
        self.lrs.append(float(self._rates[step]))
        self.losses.append(loss)
        self._average = self.smoothing * self._average + (1 - self.smoothing) * loss
        smoothed = self._average / (1 - self.smoothing ** (step + 1))
        self.smoothed_losses.append(smoothed)
        blew_up = not math.isfinite(loss) or smoothed > self.stop_factor * self._best
        self._best = min(self._best, smoothed)
        return blew_up or step + 1 >= len(self._rates)

    def on_train_end(self, logs=None):
        if self.restore:
            self.restore_state()
        elif self._saved is not None:
            # Keep what the sweep trained, but not the finder's constant rate.
            self._sync()
            self._put_back_schedule()
            self._saved = None

    def result(self):
        """The sweep as an `LRFinderResult`."""
        return LRFinderResult(self.lrs, self.losses, self.smoothed_losses)

    def get_config(self):
        return {
            "start_lr": self.start_lr,
            "end_lr": self.end_lr,
            "num_steps": self.num_steps,
            "mode": self.mode,
            "smoothing": self.smoothing,
            "stop_factor": self.stop_factor,
            "restore": self.restore,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _fresh_optimizer_state(optimizer, variables):
    """The variables' values of a fresh `optimizer` (slots, iteration count),
    or None (with a warning) when no fresh copy can be built.

    A model trained before the sweep carries its optimizer's state into it:
    SGD's velocity holds steps of the old rate, which keep moving the weights
    for ~10 batches whatever the sweep's rate. On the course DNN trained one
    epoch at 1e-6 (momentum 0.9) the loss then rose 8x over the sweep's first
    9 batches at 1e-8 to 1e-7, and the sweep stopped there.
    """
    try:
        fresh = optimizer.__class__.from_config(optimizer.get_config())
        fresh.build(variables)
        if len(fresh.variables) != len(optimizer.variables):
            raise ValueError("a fresh one has other variables")
    except (TypeError, ValueError, NotImplementedError) as error:
        warnings.warn(
            f"LRFinder could not reset the {optimizer.__class__.__name__} "
            f"({error}); the sweep starts from its current state.",
            stacklevel=4,
        )
        return None
    return [np.copy(v.numpy()) for v in fresh.variables]


SUGGESTION_METHODS = ("auto", "minimum/10", "valley", "steepest")


def _width(x, decades):
    """The smoothing's width over log10 rates `x`: at least 1.5 steps."""
    if len(x) > 1:
        decades = max(decades, 1.5 * abs(x[-1] - x[0]) / (len(x) - 1))
    return decades


def _gaussian_weights(lrs, losses, decades):
    """The centred smoothing's weights over the finite prefix of `losses`."""
    x = np.log10(np.asarray(lrs, dtype="float64"))
    decades = _width(x, decades)
    finite = np.isfinite(np.asarray(losses, dtype="float64"))
    n = len(finite) if finite.all() else int(np.argmin(finite))
    return np.exp(-0.5 * ((x[:n, None] - x[None, :n]) / decades) ** 2)


def centered_smoothing(lrs, losses, decades=0.15):
    """Gaussian-weighted mean of the losses around each rate, in log10(lr).

    The width is `decades`, or 1.5 steps of the sweep where that is wider (a
    coarse sweep needs at least a few batches averaged). Only the steps
    before the first non-finite loss are used; later steps are `inf`.
    """
    losses = np.asarray(losses, dtype="float64")
    weights = _gaussian_weights(lrs, losses, decades)
    n = len(weights)
    smoothed = np.full(len(losses), np.inf)
    if n:
        smoothed[:n] = weights @ losses[:n] / weights.sum(axis=1)
    return smoothed


def _standard_error(lrs, losses, centered, n, decades):
    """Typical standard error of `centered` over its first `n` steps.

    The batch losses' spread around the centred curve (a robust standard
    deviation, 1.4826 x the median absolute deviation), times
    sqrt(sum w^2) / sum w for each step's Gaussian weights w.
    """
    if n < 2:
        return 0.0
    residuals = np.asarray(losses[:n], dtype="float64") - centered[:n]
    spread = 1.4826 * np.median(np.abs(residuals - np.median(residuals)))
    weights = _gaussian_weights(lrs[:n], losses[:n], decades)
    shrink = np.sqrt((weights**2).sum(axis=1)) / weights.sum(axis=1)
    return float(spread * np.median(shrink))


def _blowup_index(lrs, smoothed, factor, decades):
    """Index of the first step where `smoothed` is not finite or exceeds
    `factor` times its lowest value so far; `len(smoothed)` if none does.

    The lowest value leaves out the steps within two smoothing widths of the
    start: there the centred mean is one-sided, averaging half as many
    batches, and a few low first batches would set a low that the loss's
    own scatter then doubles.
    """
    x = np.log10(np.asarray(lrs, dtype="float64"))
    span = np.count_nonzero(np.abs(x - x[0]) < 2 * _width(x, decades)) if len(x) else 0
    lowest = math.inf
    for i, value in enumerate(np.asarray(smoothed, dtype="float64")):
        if i >= span:
            lowest = min(lowest, value)
        if not math.isfinite(value) or value > factor * lowest:
            return i
    return len(smoothed)


def _longest_valley(values):
    """fastai's "valley": the point 2/3 of the way down the longest descent.

    Finds the longest strictly decreasing subsequence of `values` (O(n^2),
    n <= a few hundred) and returns an index inside its span, as
    `fastai.callback.schedule.valley` does.
    """
    n = len(values)
    run = np.ones(n, dtype=int)
    best_end = 0
    for i in range(1, n):
        for j in range(i):
            if values[i] < values[j] and run[i] < run[j] + 1:
                run[i] = run[j] + 1
        if run[i] > run[best_end]:
            best_end = i
    best_start = best_end - run[best_end]
    sections = (best_end - best_start) / 3
    return max(0, min(n - 1, best_start + int(sections) + int(sections / 2)))


@keras_course_export("keras_course.callbacks.LRFinderResult")
class LRFinderResult:
    """What a learning-rate sweep recorded, with a suggestion and a plot.

    The rule behind `suggestion()` reads a centred smoothing of the loss up
    to where it blows up, and asks one question: did the loss fall clearly,
    by more than `min_descent` standard errors of that smoothed curve?

    - Yes: a third of the rate of the lowest loss (`min_divisor`), and at
      least ten times below the rate where the curve blows up
      (`blowup_divisor`).
    - No, the curve is flat within its noise (a model already trained, or
      one that starts near its optimum): the lowest point is noise, so the
      rule reads the one thing a flat sweep shows, where it blows up, and
      suggests a twentieth of that rate (`flat_divisor`); the last swept
      rate stands in when it never blows up. It warns once.

    The rule is the same for every optimizer. Its defaults were measured
    (`benchmarks/lr_finder_quality.py` and `benchmarks/lr_finder_rescore.py`;
    table on the benchmarks page): on four problems, fresh and already
    trained models, training at the suggestion ended 1.02x-1.09x the loss of
    the best rate of a log grid on average (seeds 40-44, held out when the
    defaults were chosen), and on the course DNN trained one epoch at 1e-6 it
    stays within 10x of the course's 8e-6.

    Args:
        lrs: learning rates, one per step.
        losses: the batch loss at each step (the mean over sweeps when there
            were several).
        smoothed_losses: the sweep's exponentially smoothed loss (drawn by
            `plot()`; the rule reads `centered_losses`).
        blowup_factor: float > 1. The curve blows up at the first step where
            `centered_losses` exceeds this many times its lowest value so
            far (leaving out the first two smoothing widths, where the
            centred mean is one-sided), or is not finite. Defaults to 2.0.
        sweep_losses: optional list of each sweep's batch losses, when
            `losses` is their mean (drawn faintly by `plot()`).
        smoothing_decades: float > 0, the width (standard deviation, in
            decades of learning rate) of the centred Gaussian smoothing.
            Defaults to 0.15.
        min_descent: float >= 0, how many standard errors (`noise`) the
            smoothed loss must fall from its start to count as a descent.
            Defaults to 12.
        min_divisor: float >= 1, the suggestion after a descent is the rate
            of the lowest loss divided by this. Defaults to 3.
        blowup_divisor: float >= 1, ... and at most the blow-up's rate
            divided by this. Defaults to 10.
        flat_divisor: float >= 1, the suggestion on a flat sweep is the
            blow-up's rate divided by this. Defaults to 20.

    Attributes:
        centered_losses: the batch losses smoothed with a centred Gaussian,
            which does not lag behind the sweep as the exponential average
            does.
        blowup: int, index of the step where the curve blows up;
            `len(lrs)` if it never does. Only the steps before it are read.
        noise: float, the standard error of `centered_losses`: the batch
            losses' robust spread around it, shrunk by the number of batches
            each point averages.
        diverged_at: float or None, the learning rate at `blowup`.
        minimum: float, the rate of the lowest centred loss before `blowup`.
        valley: float, fastai's "valley" rate of the centred curve.
        sweep_losses: each sweep's batch losses, or None.

    Example:

    >>> lrs = np.geomspace(1e-6, 1.0, 61)
    >>> loss = 1 / (1 + (lrs / 1e-3) ** 2) + (lrs / 0.1) ** 4  # falls, then blows up
    >>> result = LRFinderResult(lrs, loss, loss)
    >>> [f"{lr:.0e}" for lr in (result.minimum, result.diverged_at)]
    ['2e-02', '3e-02']
    >>> f"{result.suggestion():.0e}"  # the blow-up's tenth is below a third of 2e-02
    '3e-03'
    """

    def __init__(
        self,
        lrs,
        losses,
        smoothed_losses,
        blowup_factor=2.0,
        *,
        sweep_losses=None,
        smoothing_decades=0.15,
        min_descent=12.0,
        min_divisor=3.0,
        blowup_divisor=10.0,
        flat_divisor=20.0,
    ):
        self.lrs = np.asarray(lrs, dtype="float64")
        self.losses = np.asarray(losses, dtype="float64")
        self.smoothed_losses = np.asarray(smoothed_losses, dtype="float64")
        if not len(self.lrs) == len(self.losses) == len(self.smoothed_losses):
            raise ValueError("`lrs`, `losses` and `smoothed_losses` differ in length.")
        self.blowup_factor = check_number("blowup_factor", blowup_factor)
        if self.blowup_factor <= 1.0:
            raise ValueError(
                f"`blowup_factor` must be > 1. Received: blowup_factor={blowup_factor}"
            )
        self.smoothing_decades = check_number(
            "smoothing_decades", smoothing_decades, positive=True
        )
        self.min_descent = check_number("min_descent", min_descent, minimum=0.0)
        for name, value in (
            ("min_divisor", min_divisor),
            ("blowup_divisor", blowup_divisor),
            ("flat_divisor", flat_divisor),
        ):
            setattr(self, name, check_number(name, value, minimum=1.0))
        self.sweep_losses = sweep_losses
        self.centered_losses = centered_smoothing(
            self.lrs, self.losses, self.smoothing_decades
        )
        self.blowup = _blowup_index(
            self.lrs, self.centered_losses, self.blowup_factor, self.smoothing_decades
        )
        self.noise = _standard_error(
            self.lrs,
            self.losses,
            self.centered_losses,
            self.blowup,
            self.smoothing_decades,
        )
        self._warned = False

    @property
    def diverged_at(self):
        if self.blowup >= len(self.lrs):
            return None
        return float(self.lrs[self.blowup])

    def _stable(self):
        if self.blowup < 3:
            raise ValueError(
                "The sweep recorded fewer than 3 finite, stable losses; widen "
                "it (smaller `start_lr`) or raise `num_steps`."
            )
        return self.lrs[: self.blowup], self.centered_losses[: self.blowup]

    @property
    def minimum(self):
        lrs, smoothed = self._stable()
        return float(lrs[int(np.argmin(smoothed))])

    @property
    def valley(self):
        lrs, smoothed = self._stable()
        return float(lrs[_longest_valley(smoothed)])

    def has_descent(self):
        """Whether the centred loss falls from its start by more than
        `min_descent` standard errors (`noise`) before `blowup`."""
        _, smoothed = self._stable()
        descent = smoothed[0] - smoothed.min()
        return bool(descent > 0 and descent > self.min_descent * self.noise)

    def _edge(self):
        """The blow-up's rate, or the last swept rate if it never blows up."""
        return float(self.lrs[-1]) if self.diverged_at is None else self.diverged_at

    def suggestion(self, method="auto"):
        """A learning rate to train at, read off the sweep.

        Args:
            method: `"auto"`, the rule described in the class docstring;
                or, for comparison, `"minimum/10"` (a tenth of the lowest
                loss's rate, fastai's `minimum`), `"valley"` (fastai's
                "valley", two thirds down the longest descent) or
                `"steepest"` (where the centred loss falls fastest). These
                read the curve before the blow-up as it is, flat or not.

        Returns:
            float, the suggested learning rate, inside the swept range.
        """
        check_choice("method", method, SUGGESTION_METHODS)
        lrs, smoothed = self._stable()
        if method == "auto" and not self.has_descent():
            value = self._edge() / self.flat_divisor
            if not self._warned:
                self._warned = True
                warnings.warn(
                    "The sweep shows no clear descent (the smoothed loss falls "
                    f"by less than {self.min_descent:g} standard errors before "
                    f"it blows up); suggesting 1/{self.flat_divisor:g} of the "
                    f"rate where it blows up: {value:.2g}.",
                    stacklevel=2,
                )
        elif method == "auto":
            value = min(
                self.minimum / self.min_divisor, self._edge() / self.blowup_divisor
            )
        elif method == "minimum/10":
            value = self.minimum / 10.0
        elif method == "valley":
            value = self.valley
        else:
            slope = np.gradient(smoothed, np.log(lrs))
            value = lrs[int(np.argmin(slope))]
        return float(np.clip(value, self.lrs[0], self.lrs[-1]))

    def plot(self, ax=None):
        """Semilog plot of the loss, marking the minimum, the suggestion and
        the blow-up.

        Returns:
            The matplotlib Axes.
        """
        from keras_course.visualization.series import axes_or_new

        ax = axes_or_new(ax, figsize=(8, 5))
        for k, losses in enumerate(self.sweep_losses or ()):
            label = None if k else f"each of {len(self.sweep_losses)} sweeps"
            lrs = self.lrs[: len(losses)]
            ax.semilogx(lrs, losses, "k", alpha=0.1, lw=0.8, label=label)
        name = "batch loss" if self.sweep_losses is None else "mean batch loss"
        ax.semilogx(self.lrs, self.losses, alpha=0.3, label=name)
        ax.semilogx(self.lrs, self.smoothed_losses, alpha=0.6, label="EMA (lags)")
        ax.semilogx(self.lrs, self.centered_losses, label="centred smoothing")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # suggestion() warned already
            suggestion = self.suggestion()
        marks = [
            (self.minimum, "x", f"minimum {self.minimum:.2g}"),
            (suggestion, "o", f"suggestion {suggestion:.2g}"),
        ]
        for rate, style, label in marks:
            index = int(np.argmin(np.abs(np.log(self.lrs) - np.log(rate))))
            ax.plot(rate, self.centered_losses[index], style, color="red", label=label)
        if self.diverged_at is not None:
            ax.axvline(
                self.diverged_at,
                color="gray",
                linestyle="--",
                label=f"blows up at {self.diverged_at:.2g}",
            )
        finite = self.centered_losses[np.isfinite(self.centered_losses)]
        top = finite[0] * 1.5 if finite[0] > 0 else finite.max()
        ax.set_ylim(min(finite.min(), 0.0), top)
        ax.set_xlabel("learning rate")
        ax.set_ylabel("loss")
        ax.legend()
        ax.grid(True, which="both", alpha=0.3)
        return ax


@keras_course_export("keras_course.callbacks.find_learning_rate")
def find_learning_rate(
    model,
    x_or_dataset,
    y=None,
    batch_size=None,
    sweeps=3,
    compiled=True,
    **finder_kwargs,
):
    """Runs `LRFinder` sweeps on a compiled model and leaves it unchanged.

    Each sweep starts from the model as it was, with its own batch order, and
    the result holds their mean loss per step: one sweep's curve is as much
    the batches it happened to meet as the rate, and on a small CNN that
    noise alone moved the suggested rate by up to half a decade. Past the step
    where the shortest sweep stopped (it blew up), the mean is `inf`, so no
    later sweep runs past the shortest before it.

    On TensorFlow, for a `tf.data.Dataset` or arrays, the sweeps run compiled
    (`compiled=True`): one `tf.function` loop of training steps, traced
    once, 20 batches a call, the finder reading each batch's loss in
    between. The step is Keras's `train_step` less the loss tracker and the
    metrics, which the finder does not read (so the sweeps leave the
    model's metrics alone); a model that overrides `train_step` is trained
    with its own, and the loss read from its logs. A dataset is then read
    through one iterator, each sweep taking the batches after the last
    one's. Otherwise (on JAX, under a `tf.distribute` strategy, with
    `run_eagerly`, for a generator or a `keras.utils.PyDataset`, or
    `compiled=False`) each sweep is one `model.fit` with `LRFinder` as its
    callback.

    Args:
        model: a compiled `keras.Model`.
        x_or_dataset: inputs, or a `tf.data.Dataset` of `(x, y)` batches.
        y: targets, when `x_or_dataset` holds inputs.
        batch_size: int, for array inputs (Keras's default of 32 otherwise).
        sweeps: int >= 1, sweeps to average. Defaults to 3 (each is at
            most `num_steps` batches, 100 by default). The suggestion rules were
            chosen on 3; `sweeps=1` is a single, noisier sweep. Array inputs
            are reshuffled for every sweep (compiled: every sweep; through
            `fit`: every one after the first) with numpy's global generator,
            which `keras.utils.set_random_seed` seeds (on TensorFlow a seeded
            `fit` draws the same order every time); a dataset shuffles
            itself. A one-shot iterator (a generator) can feed one sweep only.
        compiled: bool, run the sweeps compiled where they can be (above).
            Defaults to True: on the course DNN the three sweeps took about
            0.6x the time they took through `fit` (0.165-0.167 s against
            0.27-0.28 s, medians of three runs; `benchmarks/lr_finder.py`).
            The compiled loop traces the model's step for itself, so a
            later `fit` of the same model traces its own (about 0.07 s
            here, seconds for a large model), while the sweeps through
            `fit` leave that trace cached: pass False when the same large
            model trains next.
        **finder_kwargs: `LRFinder` arguments (`start_lr`, `end_lr`,
            `num_steps`, `mode`, `smoothing`, `stop_factor`).

    Returns:
        An `LRFinderResult` with `lrs`, `losses` (the mean over sweeps),
        `smoothed_losses`, `sweep_losses`, `suggestion()` and `plot()`.

    Example:

    >>> keras.utils.set_random_seed(0)
    >>> model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    >>> model.compile(keras.optimizers.SGD(0.01), loss="mse")
    >>> x = np.linspace(-1, 1, 256)[:, None]
    >>> result = find_learning_rate(model, x, 2 * x - 1, batch_size=16,
    ...                             start_lr=1e-4, end_lr=10.0, num_steps=40)
    >>> len(result.sweep_losses), len(result.lrs) <= 40
    (3, True)
    >>> 0.05 < result.suggestion() < 1.0
    True
    """
    if getattr(model, "optimizer", None) is None:
        raise ValueError("`model` must be compiled before find_learning_rate().")
    if finder_kwargs.get("restore", True) is not True:
        raise ValueError("find_learning_rate always restores the model.")
    sweeps = check_int("sweeps", sweeps, minimum=1)
    if not isinstance(compiled, bool):
        raise TypeError(f"`compiled` must be a bool. Received: compiled={compiled!r}")
    if sweeps > 1 and _is_one_shot(x_or_dataset):
        raise ValueError(
            "A one-shot iterator (a generator) can feed one sweep only; pass "
            "`sweeps=1`, or arrays, a `tf.data.Dataset` or a "
            f"`keras.utils.PyDataset`. Received: {type(x_or_dataset).__name__}"
        )
    finder = LRFinder(**finder_kwargs)
    rates = finder.schedule()
    if compiled and _compiles(model, x_or_dataset):
        sweep = _compiled_sweeper(model, finder, x_or_dataset, y, batch_size)
    else:
        sweep = _fit_sweeper(model, finder, x_or_dataset, y, batch_size)
    runs, smoothed_runs = [], []
    for index in range(sweeps):
        if index:
            # The mean is `inf` from where the shortest sweep so far stopped,
            # so no later sweep needs to run past it: the result is the same.
            finder._max_steps = min(len(run) for run in runs)
        try:
            sweep(index)
        finally:
            finder.restore_state()  # a no-op unless the sweep was interrupted
        runs.append(list(finder.losses))
        smoothed_runs.append(list(finder.smoothed_losses))
    if sweeps == 1:
        return finder.result()
    losses = _mean_of_sweeps(runs)
    return LRFinderResult(
        rates[: len(losses)],
        losses,
        # The exponential average is linear: the mean of the sweeps' averages
        # is the average of their mean.
        _mean_of_sweeps(smoothed_runs),
        sweep_losses=runs,
    )


# Batches per call of the compiled sweep: fewer calls, against up to this
# many batches trained past the end of a sweep (thrown away, then restored).
_CHUNK = 20


def _compiles(model, data):
    """Whether `find_learning_rate` runs its compiled sweeps: on TensorFlow,
    for a `tf.data.Dataset` or arrays, with no `tf.distribute` strategy and
    `run_eagerly` off. Otherwise the sweeps run through `fit`."""
    if keras.backend.backend() != "tensorflow" or model.run_eagerly:
        return False
    if not (_is_tf_dataset(data) or _is_arrays(data)):
        return False
    import tensorflow as tf

    default = tf.distribute.get_strategy()
    return not tf.distribute.has_strategy() and model.distribute_strategy is default


def _build(model, x, y):
    """Builds a model that has an unbuilt layer (with its compiled loss and
    metrics and its optimizer) from the shapes and dtypes of arrays or of a
    dataset's elements. `fit` builds a model only when it traces its step,
    after `on_train_begin`, where the finder takes its snapshot. A built
    model is left to the trace, as `fit` does (the compiled loss and
    metrics build there; 14 ms less on the course DNN)."""
    if all(layer.built for layer in flatten_layers(model)):
        return
    if _is_arrays(x):
        symbolic_build(model, _element(x, y))
    elif _is_tf_dataset(x):
        symbolic_build(model, x.element_spec)


def _fit_sweeper(model, finder, x, y, batch_size):
    """One sweep through `model.fit` with the finder as its callback."""
    # Each epoch has at least one batch, so num_steps epochs is an upper bound;
    # the finder stops training after num_steps batches.
    steps = {"epochs": finder.num_steps}
    if _is_infinite_dataset(x):
        steps = {"epochs": 1, "steps_per_epoch": finder.num_steps}
    arrays = _is_arrays(x)
    _build(model, x, y)

    def sweep(index):
        data, target = x, y
        if index and arrays:
            data, target = _reshuffled(x, y, finder._max_steps * (batch_size or 32))
        model.fit(
            data,
            target,
            batch_size=batch_size,
            callbacks=[finder],
            verbose=0,
            # Arrays are shuffled; a dataset or a generator orders itself
            # (Keras warns otherwise).
            shuffle=arrays,
            **steps,
        )

    return sweep


def _compiled_sweeper(model, finder, x, y, batch_size):
    """One sweep as a few calls of one compiled loop of training steps.

    The same sweep as `fit` with the finder (its rates, its stopping rule,
    its save and restore), without `fit`'s ~1 ms of Python per batch: each
    call runs `_CHUNK` batches in a `tf.while_loop` and returns their losses,
    which the finder then reads one by one, as its callback would. The loss
    is each batch's own (`_loss_step`'s, or with a `train_step` of the
    model's own, its logs' after the metrics are reset), not one recovered
    from the running mean. A dataset is read through one iterator
    over `x.repeat()`, so each sweep takes the batches after the last one's;
    arrays are reshuffled for every sweep, cut to what it can use.
    """
    import tensorflow as tf

    if _is_arrays(x):
        size = batch_size or 32

        def batches():
            steps = finder._max_steps or finder.num_steps
            data, target = _reshuffled(x, y, steps * size)
            # Floats in floatx, as fit's array adapter has them.
            element = keras.tree.map_structure(_in_floatx, _element(data, target))
            dataset = tf.data.Dataset.from_tensor_slices(element).batch(size)
            return iter(dataset.repeat())

    else:
        shared = iter(x.repeat())

        def batches():
            return shared

    _build(model, x, y)
    finder.set_model(model)
    compiled = []

    def sweep(index):
        iterator = batches()
        finder._begin()
        if not compiled:  # after _begin: the rate variable is the sweep's
            compiled.append(_sweep_function(model, finder._rate_variable))
        rates = np.asarray(finder._rates, dtype="float64")
        for start in range(0, len(rates), _CHUNK):
            chunk = rates[start : start + _CHUNK]
            padded = np.pad(chunk, (0, _CHUNK - len(chunk)), mode="edge")
            losses = compiled[0](iterator, padded, tf.constant(len(chunk)))
            for loss in losses.numpy():
                if finder._record(float(loss)):
                    return

    return sweep


def _element(x, y):
    """Inputs and targets as one batch that `train_step` unpacks: `(x,)`
    without targets, `(x, y)` with them."""
    return (x,) if y is None else (x, y)


def _in_floatx(array):
    if np.issubdtype(array.dtype, np.floating):
        return array.astype(keras.config.floatx(), copy=False)
    return array


def _sweep_function(model, rate):
    """`(iterator, rates, count) -> losses`: `count` training steps (of
    `_loss_step`, or of the model's own `train_step` when it has one), step
    i at `rates[i]`, compiled once (`tf.function`; the step itself with XLA
    when the model's `jit_compile` is on, as in `fit`)."""
    import tensorflow as tf

    def one_step(data, value):
        rate.assign(tf.cast(value, rate.dtype))
        if _lean_step_fits(model):
            return tf.cast(_loss_step(model, data), "float64")
        for metric in model.metrics:
            metric.reset_state()
        logs = model.train_step(data)
        if "loss" not in logs:
            raise ValueError(
                "find_learning_rate reads the loss from `train_step`'s logs, "
                f"which have no 'loss'. Received: {sorted(logs)}"
            )
        return tf.cast(logs["loss"], "float64")

    if model.jit_compile:
        one_step = tf.function(one_step, jit_compile=True)

    def steps(iterator, rates, count):
        def body(i, losses):
            return i + 1, losses.write(i, one_step(next(iterator), rates[i]))

        start = (tf.constant(0), tf.TensorArray("float64", size=count))
        _, losses = tf.while_loop(lambda i, _: i < count, body, start)
        return losses.stack()

    return tf.function(steps, autograph=False)


def _lean_step_fits(model):
    """Whether the compiled sweep may train with `_loss_step`: the model
    keeps Keras's own `train_step` and has weights to train."""
    return type(model).train_step is keras.Model.train_step and bool(
        model.trainable_weights
    )


def _loss_step(model, data):
    """Keras's TensorFlow `train_step` less what the finder does not read
    (the loss tracker and the metrics: on the course DNN the first call of
    the sweep loop, which traces it, fell from about 135 ms to 105 ms):
    forward pass, `compute_loss` (an override of it included), gradients,
    the optimizer's update; returns the batch's loss."""
    import tensorflow as tf

    x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
    # Keras's step passes `training` only to a compute_loss that takes it.
    takes_training = "training" in inspect.signature(model.compute_loss).parameters
    with tf.GradientTape() as tape:
        y_pred = model(x, training=True)
        loss = model.compute_loss(
            x=x,
            y=y,
            y_pred=y_pred,
            sample_weight=sample_weight,
            **({"training": True} if takes_training else {}),
        )
        scaled = model.optimizer.scale_loss(loss)
    variables = model.trainable_weights
    model.optimizer.apply(tape.gradient(scaled, variables), variables)
    return loss


def _is_one_shot(data):
    """Whether `data` is a one-shot iterator (a generator), read off its type:
    `iter()` on a `tf.data.Dataset` would build an iterator (8 ms)."""
    return isinstance(data, collections.abc.Iterator)


def _is_arrays(data):
    """Whether `data` is arrays or tensors (or a nest of them), which `fit`
    shuffles, rather than a dataset or a generator, which order themselves."""
    return all(hasattr(leaf, "shape") for leaf in keras.tree.flatten(data))


def _reshuffled(x, y, needed):
    """`x` and `y` (arrays, or nests of them) in a new random order, cut to
    the `needed` samples a sweep can use; past the last sample, another
    order of them all follows, as the next epoch's would."""
    count = len(keras.tree.flatten(x)[0])
    # The global generator, which keras.utils.set_random_seed seeds.
    orders = [np.random.permutation(count) for _ in range(-(-needed // count))]  # noqa: NPY002
    index = np.concatenate(orders)[:needed]

    def take(data):
        return keras.tree.map_structure(lambda a: np.asarray(a)[index], data)

    return take(x), None if y is None else take(y)


def _mean_of_sweeps(runs):
    """The mean loss per step over sweeps; `inf` from where the first stops."""
    length = max(len(run) for run in runs)
    padded = [
        np.pad(
            np.asarray(run, "float64"), (0, length - len(run)), constant_values=np.inf
        )
        for run in runs
    ]
    return np.mean(padded, axis=0)


def _is_tf_dataset(data):
    return hasattr(data, "cardinality") and hasattr(data, "element_spec")


def _is_infinite_dataset(data):
    if not _is_tf_dataset(data):
        return False
    import tensorflow as tf

    return int(data.cardinality()) == int(tf.data.INFINITE_CARDINALITY)
