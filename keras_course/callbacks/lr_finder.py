import functools
import math
import warnings

import keras
import numpy as np

from keras_course._keras_internals import learning_rate_slot, set_learning_rate_slot
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
        optimizer = self.model.optimizer
        if not optimizer.built:
            optimizer.build(self.model.trainable_variables)
        self._saved = {
            "weights": [np.copy(w) for w in self.model.get_weights()],
            "optimizer": [np.copy(v.numpy()) for v in optimizer.variables],
            "schedule": None,
        }
        # After the snapshot, before the sweep's rate variable joins the
        # optimizer's variables (a fresh optimizer would not have it).
        _reset_optimizer(optimizer, self.model.trainable_variables)
        if isinstance(learning_rate_slot(optimizer), keras.Variable):
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
        with tf.distribute.get_strategy().scope():
            set_learning_rate_slot(
                optimizer,
                keras.Variable(
                    self.start_lr, dtype=keras.config.floatx(), trainable=False
                ),
            )
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
        self.lrs, self.losses, self.smoothed_losses = [], [], []
        self._rates = self.schedule()
        self._average = 0.0
        self._best = math.inf
        self._previous_mean = 0.0
        self._save()

    def on_epoch_begin(self, epoch, logs=None):
        self._previous_mean = 0.0  # Keras resets its running loss mean here

    def on_train_batch_begin(self, batch, logs=None):
        step = len(self.lrs)
        if step >= self.num_steps:
            self.model.stop_training = True
            return
        self._sync()
        learning_rate_slot(self.model.optimizer).assign(self._rates[step])

    def on_train_batch_end(self, batch, logs=None):
        if len(self.lrs) >= self.num_steps or "loss" not in (logs or {}):
            return
        mean = float(logs["loss"])
        loss = (batch + 1) * mean - batch * self._previous_mean
        self._previous_mean = mean
        step = len(self.lrs)
        self.lrs.append(float(self._rates[step]))
        self.losses.append(loss)
        self._average = self.smoothing * self._average + (1 - self.smoothing) * loss
        smoothed = self._average / (1 - self.smoothing ** (step + 1))
        self.smoothed_losses.append(smoothed)
        if not math.isfinite(loss) or smoothed > self.stop_factor * self._best:
            self.model.stop_training = True
        self._best = min(self._best, smoothed)
        if step + 1 >= self.num_steps:
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.restore:
            self.restore_state()
        elif self._saved is not None:
            # Keep what the sweep trained, but not the finder's constant rate.
            self._sync()
            self._put_back_schedule()
            self._saved = None

    def result(self):
        """The sweep as an `LRFinderResult` (knowing whether the optimizer is
        adaptive, which picks the default suggestion rule)."""
        return LRFinderResult(
            self.lrs,
            self.losses,
            self.smoothed_losses,
            adaptive=is_adaptive(getattr(self.model, "optimizer", None)),
        )

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


def _reset_optimizer(optimizer, variables):
    """Gives `optimizer` the state of a fresh one (slots, iteration count).

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
            stacklevel=3,
        )
        return
    for variable, value in zip(optimizer.variables, fresh.variables, strict=True):
        variable.assign(value)


SUGGESTION_METHODS = (
    "auto",
    "minimum/3",
    "mid_descent",
    "minimum/10",
    "valley",
    "steepest",
    "ema_minimum/10",
)
# Optimizers whose step size is set per parameter by the learning rate, not
# scaled by the raw gradient as SGD's is. Names, so that ones missing from an
# older Keras are skipped.
ADAPTIVE_OPTIMIZERS = (
    "Adam",
    "AdamW",
    "Adamax",
    "Nadam",
    "RMSprop",
    "Adagrad",
    "Adadelta",
    "Adafactor",
    "Ftrl",
    "Lion",
    "Lamb",
    "Muon",
)
# "mid_descent": the rate from which the loss, smoothed over MID_DESCENT_DECADES
# (wider than the rules' 0.15: an MSE's batch losses scatter widely, and a
# wobble would cross the level early), stays below MID_DESCENT of the way
# from its start down to its lowest value, up to that lowest value. Chosen by
# benchmarks/lr_finder_quality.py, read off its committed records: in 0.7,
# half-way down (0.5) on one sweep. In 0.8, 0.7 of the way down on the mean
# of SWEEPS sweeps: the records' starting models (seeds 5-24, fresh and
# trained) swept again 5 times each, each rule's rate scored by the grid's
# outcomes interpolated in log rate. One sweep put the small CNN's rate up to
# half a decade either side of its best, where a third of a decade costs
# 1.2x; the mean of 3 at levels 0.65-0.75 read alike (CNN 1.07x on average
# against 1.13x, the Adam DNN 1.03x against 1.04x, the forecaster 1.05x
# against 1.04x), while on one sweep every level above 0.5 did worse. The
# first version, the first crossing of 40% on the 0.15-decade curve, read
# early wobbles on the course DNN with Adam (seeds 15-19, two trained
# models: 2.9x and 4.8x).
MID_DESCENT = 0.7
# Sweeps `find_learning_rate` averages by default (see MID_DESCENT).
SWEEPS = 3
MID_DESCENT_DECADES = 0.3
# Width (standard deviation, in decades of learning rate) of the centred
# Gaussian smoothing the rules read. The sweep's own exponential average lags
# by ~50 steps at smoothing=0.98, half the sweep; a centred one does not lag.
SMOOTHING_DECADES = 0.15
# The curve "blows up" where the centred loss first exceeds this many times
# its lowest value so far: past that point the network may have collapsed
# (dead ReLUs fitting the mean), and a second, lower dip is no guide. 1.5
# (before 0.4) fired on batch noise when a trained model's curve is flat;
# 2.0 was chosen by benchmarks/lr_finder_quality.py. Since 0.7.1 the lowest
# value leaves out the first steps (`_two_widths`), and the curve must stay
# above twice it for as many steps: on the course DNN (seed 20, trained), three
# low first batches, and with Adam a few bad batches at 7e-5, each made a
# "blow-up" of the loss's own scatter. Read off every committed record, each
# change moved only that run's suggestion.
BLOWUP_FACTOR = 2.0
# A descent smaller than this fraction of the starting loss is "no descent".
MIN_DESCENT = 0.05
# With no descent, the suggestion is the blow-up's rate divided by this: a
# tenth for SGD, a hundredth for adaptive optimizers. A flat sweep is a
# model near a minimum; SGD's step shrinks with the gradient there, Adam's
# keeps the rate's size and shakes the weights out of it. Chosen on the
# records' runs of seeds 5-34 with no clear descent (17 of the forecaster,
# which starts at its AR fit, and one of the Adam DNN), each divisor's rate
# scored by the grid's outcomes interpolated in log rate: /10 1.056x the
# best rate on average, 9 of 18 ending worse than they began; /30 1.039x, 9;
# /100 1.027x, 3; /300 1.026x, 0, but the Adam DNN's run 1.099x (/1000
# 1.452x). On seeds 35-39 a tenth had ended three forecasters 4-14% worse
# than their start. SGD's three such runs: /10 1.076x, /100 1.097x.
NO_DESCENT_DIVISOR = {False: 10.0, True: 100.0}
# The curve also blows up where, after a descent, it climbs above its lowest
# value by more than this many times the descent (start - lowest). A ratio
# to the lowest value misses this on losses with a high floor: a small
# CNN's cross-entropy falls from 1.39 to 1.13, bumps to 1.67 where training
# collapses, and dips again past it. The test applies once the descent is
# RISE_MIN_DESCENT standard errors of the centred loss (`noise`): on a flat,
# noisy curve (a model near its optimum) a wobble is not a descent. On the
# benchmark's sweeps the CNN's collapses came after descents of 7-85
# standard errors; wobbles of flat sweeps reached 4.5. Chosen by
# benchmarks/lr_finder_quality.py (0.6).
BLOWUP_RISE = 2.0
RISE_MIN_DESCENT = 5.0


def _width(x, decades):
    """The smoothing's width over log10 rates `x`: at least 1.5 steps."""
    if len(x) > 1:
        decades = max(decades, 1.5 * abs(x[-1] - x[0]) / (len(x) - 1))
    return decades


def _two_widths(lrs, decades=SMOOTHING_DECADES):
    """How many steps of the sweep two smoothing widths span (from its start).

    Within them of the start the centred mean is one-sided (it averages about
    half as many batches as further in), so a few low batches can set a low
    the loss's own scatter later doubles. A blow-up must also last as long.
    """
    x = np.log10(np.asarray(lrs, dtype="float64"))
    if not len(x):
        return 0
    return int(np.count_nonzero(np.abs(x - x[0]) < 2 * _width(x, decades)))


def _gaussian_weights(lrs, losses, decades):
    """The centred smoothing's weights over the finite prefix of `losses`."""
    x = np.log10(np.asarray(lrs, dtype="float64"))
    decades = _width(x, decades)
    finite = np.isfinite(np.asarray(losses, dtype="float64"))
    n = len(finite) if finite.all() else int(np.argmin(finite))
    return np.exp(-0.5 * ((x[:n, None] - x[None, :n]) / decades) ** 2)


def centered_smoothing(lrs, losses, decades=SMOOTHING_DECADES):
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


def _standard_error(lrs, losses, centered, n, decades=SMOOTHING_DECADES):
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


def _blowup_index(smoothed, factor=BLOWUP_FACTOR, rise=None, noise=0.0, span=0):
    """Index of the first step past which the sweep has blown up, or len.

    `span`: steps in two smoothing widths (`_two_widths`). The lowest value
    so far leaves out the first `span` steps, and the curve must stay above
    `factor` times it for `span` steps (or to the sweep's end): a blow-up is
    a regime, not a few bad batches in the centred mean.
    """
    smoothed = np.asarray(smoothed, dtype="float64")
    best = math.inf
    start = smoothed[0] if len(smoothed) else math.nan
    for i, value in enumerate(smoothed):
        if not math.isfinite(value):
            return i
        ahead = smoothed[i : i + max(span, 1)]
        if np.all(~np.isfinite(ahead) | (ahead > factor * best)):
            return i
        descent = start - best
        if (
            rise is not None
            and descent > RISE_MIN_DESCENT * noise
            and value - best > rise * descent
        ):
            return i
        if i >= span:
            best = min(best, value)
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


def is_adaptive(optimizer):
    """True for Adam, RMSprop and the like, False for SGD, None if unknown.

    A `LossScaleOptimizer` is judged by the optimizer it wraps.
    """
    optimizer = getattr(optimizer, "inner_optimizer", optimizer)
    if optimizer is None:
        return None
    if isinstance(optimizer, keras.optimizers.SGD):
        return False
    adaptive = tuple(
        getattr(keras.optimizers, name)
        for name in ADAPTIVE_OPTIMIZERS
        if hasattr(keras.optimizers, name)
    )
    return True if isinstance(optimizer, adaptive) else None


@keras_course_export("keras_course.callbacks.LRFinderResult")
class LRFinderResult:
    """What a learning-rate sweep recorded, with a suggestion and a plot.

    Args:
        lrs: learning rates, one per step.
        losses: the batch loss at each step.
        smoothed_losses: the sweep's exponentially smoothed loss (shown in
            the plot; the rules read `centered_losses`).
        blowup_factor: float > 1, see `blowup`. Defaults to 2.0.
        blowup_rise: float > 0 or None, see `blowup`. Defaults to 2.0;
            `None` turns that test off (the rule before 0.6).
        adaptive: bool or None, whether the sweep's optimizer sets each
            step's size from the learning rate (Adam, RMSprop, ...: `True`)
            or scales it by the raw gradient (SGD: `False`); `None` if
            unknown. Picks the rule of `suggestion("auto")`. `LRFinder` and
            `find_learning_rate` fill it in from the model's optimizer.
        sweep_losses: optional list of each sweep's batch losses, when
            `losses` is their mean (drawn faintly by `plot()`).

    Attributes:
        centered_losses: the batch losses smoothed with a centred Gaussian
            (0.15 decades wide), which does not lag behind the sweep.
        blowup: int, index of the first step from which `centered_losses`
            stays above `blowup_factor` times its lowest value so far for
            two smoothing widths (that lowest value leaves out the steps
            within two widths of the start, where the centred mean is
            one-sided), or, once it has
            fallen from its start by more than 5 times `noise`, climbs above
            its lowest value by more than `blowup_rise` times that fall (or a
            loss is not finite); `len(lrs)` if it never does. Only the steps
            before it are used.
        noise: float, the standard error of `centered_losses`: the batch
            losses' robust spread around it, shrunk by the number of batches
            each point averages.
        diverged_at: float or None, the learning rate at `blowup`.
        minimum: float, the rate of the lowest centred loss before `blowup`.
        mid_descent: float, the rate from which the loss, smoothed over
            0.3 decades, stays below 70% of the way from its start down to
            its lowest value (before `blowup`), up to that lowest value:
            where the last 30% of the descent begins. None where that wider
            curve is lowest at its start.
        sweep_losses: list of each sweep's batch losses when `losses` is
            their mean (`find_learning_rate` with `sweeps > 1`), else None.
        valley: float, fastai's "valley" rate of the centred curve before
            `blowup`.

    Example:

    >>> lrs = np.geomspace(1e-6, 1.0, 61)
    >>> loss = 1 / (1 + (lrs / 1e-3) ** 2) + (lrs / 0.1) ** 4  # falls, then blows up
    >>> result = LRFinderResult(lrs, loss, loss)
    >>> [f"{lr:.0e}" for lr in (result.minimum, result.diverged_at)]
    ['2e-02', '3e-02']
    >>> f"{result.suggestion():.0e}"  # min(minimum / 3, blow-up / 10)
    '3e-03'
    >>> adam = LRFinderResult(lrs, loss, loss, adaptive=True)
    >>> f"{adam.suggestion():.0e}"  # Adam: mid_descent, 70% of the way down
    '1e-03'
    """

    def __init__(
        self,
        lrs,
        losses,
        smoothed_losses,
        blowup_factor=BLOWUP_FACTOR,
        blowup_rise=BLOWUP_RISE,
        adaptive=None,
        sweep_losses=None,
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
        if blowup_rise is not None:
            blowup_rise = check_number("blowup_rise", blowup_rise, positive=True)
        self.blowup_rise = blowup_rise
        if adaptive is not None and not isinstance(adaptive, (bool, np.bool_)):
            raise ValueError(
                "`adaptive` must be True, False or None. Received: "
                f"adaptive={adaptive!r}"
            )
        self.adaptive = None if adaptive is None else bool(adaptive)
        self.sweep_losses = sweep_losses
        self.centered_losses = centered_smoothing(self.lrs, self.losses)
        span = _two_widths(self.lrs)
        stable = _blowup_index(self.centered_losses, self.blowup_factor, span=span)
        self.noise = _standard_error(
            self.lrs, self.losses, self.centered_losses, stable
        )
        self.blowup = _blowup_index(
            self.centered_losses,
            self.blowup_factor,
            self.blowup_rise,
            self.noise,
            span,
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

    @functools.cached_property  # suggestion() and plot() read it again
    def mid_descent(self):
        lrs, _ = self._stable()
        # Smoothed like `centered_losses` (over every finite loss), but wider.
        wide = centered_smoothing(self.lrs, self.losses, MID_DESCENT_DECADES)
        wide = wide[: len(lrs)]
        lowest = int(np.argmin(wide))
        if lowest == 0:  # no descent at this width
            return None
        level = wide[0] - MID_DESCENT * (wide[0] - wide[lowest])
        above = np.flatnonzero(wide[:lowest] > level)
        return float(lrs[above[-1] + 1 if len(above) else 0])

    @property
    def valley(self):
        lrs, smoothed = self._stable()
        return float(lrs[_longest_valley(smoothed)])

    def has_descent(self):
        """Whether the centred loss falls by at least 5% before `blowup`."""
        _, smoothed = self._stable()
        start = smoothed[0]
        return bool(start - smoothed.min() >= MIN_DESCENT * abs(start))

    def suggestion(self, method="auto"):
        """A learning rate to train at, read off the sweep.

        The default, `"auto"`, picks the rule by the sweep's optimizer
        (`adaptive`), because the two kinds fail at different places:

        - `"mid_descent"`, for Adam, RMSprop and the like (`adaptive=True`):
          where the last 30% of the descent begins (see `mid_descent`;
          `"minimum/3"` where it is None). Their steps have the learning
          rate's size whatever the gradient, and the sweep spends only a few
          batches at each rate, so its loss keeps falling up to rates that
          collapse a full training: on a small CNN the lowest loss sat up
          to 14x above the best rate.
        - `"minimum/3"`, for SGD and unknown optimizers: a third of the rate
          where the centred loss is lowest before the curve first blows up,
          and at least ten times below the rate where it blows up. SGD's step
          scales with the gradient, and it blows up in the sweep at the same
          rates as in training.

        Both were chosen by measurement (`benchmarks/lr_finder_quality.py`,
        table in the docs): on fresh and already-trained models, training at
        them came closest to the best rate of a log grid, and they were
        checked on seeds they were not chosen on. There (0.8, the mean of
        three sweeps, seeds 30-34) the mean landed at 1.02x-1.05x the best
        rate's loss on three problems, the worst at 1.05x-1.18x; on the
        fourth, one seed's network trains to a constant prediction at every
        rate the sweep can single out (15x). On seeds 35-39, on another
        machine, the three series problems read 1.02x-1.08x, worst
        1.05x-1.22x (0.8.1); see the docs.
        The others, kept for comparison:

        - `"minimum/10"`: a tenth of that rate (fastai's `minimum`).
        - `"valley"`: fastai's "valley", two thirds down the longest descent.
        - `"steepest"`: where the centred loss falls fastest.
        - `"ema_minimum/10"`: a tenth of the rate of the lowest *exponentially*
          smoothed loss over the whole sweep (this library's rule before
          0.2). It lags, and reads dips past a blow-up: it can suggest a rate
          at which training diverges.

        The result always lies inside the swept range. When the loss does not
        fall by 5% before it blows up (a model that is already trained, or a
        sweep that starts too high), this warns once and returns a tenth of
        the rate where the curve blows up (the last swept rate if it never
        does), a hundredth for an adaptive optimizer, never less than the
        first swept rate. A flat sweep is a model near a minimum: Adam's
        steps keep the rate's size there, and a tenth of the blow-up ended
        the benchmark's forecaster, which starts at its AR fit, up to 14%
        worse than it began.

        Args:
            method: the rule, one of the names above.

        Returns:
            float, the suggested learning rate.
        """
        check_choice("method", method, SUGGESTION_METHODS)
        if method == "ema_minimum/10":
            finite = np.isfinite(self.smoothed_losses)
            if np.count_nonzero(finite) < 3:
                raise ValueError("The sweep recorded fewer than 3 finite losses.")
            lrs = self.lrs[finite]
            return float(lrs[np.argmin(self.smoothed_losses[finite])] / 10)
        lrs, smoothed = self._stable()
        if not self.has_descent():
            edge = float(lrs[-1]) if self.diverged_at is None else self.diverged_at
            divisor = NO_DESCENT_DIVISOR[bool(self.adaptive)]
            value = max(edge / divisor, float(lrs[0]))
            if not self._warned:
                self._warned = True
                warnings.warn(
                    "The sweep shows no clear descent (the smoothed loss "
                    f"falls by less than {MIN_DESCENT:.0%} before it blows "
                    f"up); suggesting 1/{divisor:.0f} of the rate where it "
                    f"blows up: {value:.2g}. Start the sweep lower to see a "
                    "descent.",
                    stacklevel=2,
                )
            return value
        if method == "auto":
            method = "mid_descent" if self.adaptive else "minimum/3"
        if method == "mid_descent" and self.mid_descent is None:
            method = "minimum/3"  # the wider curve shows no descent
        if method == "mid_descent":
            value = self.mid_descent
        elif method == "minimum/3":
            value = self.minimum / 3.0
            if self.diverged_at is not None:
                value = min(value, self.diverged_at / 10.0)
        elif method == "minimum/10":
            value = self.minimum / 10.0
        elif method == "valley":
            value = self.valley
        else:
            slope = np.gradient(smoothed, np.log(lrs))
            value = lrs[int(np.argmin(slope))]
        return float(np.clip(value, self.lrs[0], self.lrs[-1]))

    def plot(self, ax=None):
        """Semilog plot of the loss, marking the rule's pieces.

        The minimum, the suggestion and the blow-up; for an adaptive
        optimizer also `mid_descent`, the rate the default rule reads.

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
        marks = [(self.minimum, "x", f"minimum {self.minimum:.2g}")]
        if self.adaptive and self.mid_descent is not None:
            rate = self.mid_descent
            marks.append((rate, "^", f"mid-descent {rate:.2g}"))
        marks.append((suggestion, "o", f"suggestion {suggestion:.2g}"))
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
    model, x_or_dataset, y=None, batch_size=None, sweeps=SWEEPS, **finder_kwargs
):
    """Runs `LRFinder` sweeps on a compiled model and leaves it unchanged.

    Each sweep starts from the model as it was, with its own batch order, and
    the result holds their mean loss per step: one sweep's curve is as much
    the batches it happened to meet as the rate, and on a small CNN that
    noise alone moved the suggested rate by up to half a decade. Past the step
    where the first sweep stopped (it blew up), the mean is `inf`.

    Args:
        model: a compiled `keras.Model`.
        x_or_dataset: inputs, or a `tf.data.Dataset` of `(x, y)` batches.
        y: targets, when `x_or_dataset` holds inputs.
        batch_size: int, for array inputs (Keras's default of 32 otherwise).
        sweeps: int >= 1, sweeps to average. Defaults to 3 (each is
            `num_steps` batches, 100 by default). The suggestion rules were
            chosen on 3; `sweeps=1` is a single, noisier sweep. Array inputs
            are reshuffled for every sweep after the first (with numpy's
            global generator, which `keras.utils.set_random_seed` seeds: on
            TensorFlow a seeded `fit` draws the same order every time); a
            dataset shuffles itself. A one-shot iterator (a generator) can
            feed one sweep only.
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
    if sweeps > 1 and _is_one_shot(x_or_dataset):
        raise ValueError(
            "A one-shot iterator (a generator) can feed one sweep only; pass "
            "`sweeps=1`, or arrays, a `tf.data.Dataset` or a "
            f"`keras.utils.PyDataset`. Received: {type(x_or_dataset).__name__}"
        )
    finder = LRFinder(**finder_kwargs)
    # Each epoch has at least one batch, so num_steps epochs is an upper bound;
    # the finder stops training after num_steps batches.
    steps = {"epochs": finder.num_steps}
    if _is_infinite_dataset(x_or_dataset):
        steps = {"epochs": 1, "steps_per_epoch": finder.num_steps}
    arrays = _is_arrays(x_or_dataset)
    runs, smoothed_runs = [], []
    for sweep in range(sweeps):
        x, target = x_or_dataset, y
        if sweep and arrays:
            x, target = _reshuffled(x, target, finder.num_steps * (batch_size or 32))
        try:
            model.fit(
                x,
                target,
                batch_size=batch_size,
                callbacks=[finder],
                verbose=0,
                # Arrays are shuffled; a dataset or a generator orders itself
                # (Keras warns otherwise).
                shuffle=arrays,
                **steps,
            )
        finally:
            finder.restore_state()  # a no-op unless fit ended early (interrupt)
        runs.append(list(finder.losses))
        smoothed_runs.append(list(finder.smoothed_losses))
    if sweeps == 1:
        return finder.result()
    losses = _mean_of_sweeps(runs)
    return LRFinderResult(
        finder.schedule()[: len(losses)],
        losses,
        # The exponential average is linear: the mean of the sweeps' averages
        # is the average of their mean.
        _mean_of_sweeps(smoothed_runs),
        adaptive=is_adaptive(model.optimizer),
        sweep_losses=runs,
    )


def _is_one_shot(data):
    """Whether `data` is a one-shot iterator (a generator): iter() returns it."""
    try:
        return iter(data) is data
    except TypeError:
        return False


def _is_arrays(data):
    """Whether `data` is arrays or tensors (or a nest of them), which `fit`
    shuffles, rather than a dataset or a generator, which order themselves."""
    return all(hasattr(leaf, "shape") for leaf in keras.tree.flatten(data))


def _reshuffled(x, y, needed):
    """`x` and `y` (arrays, or nests of them) in a new random order, cut to
    the `needed` samples a sweep can use."""
    leaves = keras.tree.flatten(x)
    # The global generator, which keras.utils.set_random_seed seeds.
    index = np.random.permutation(len(leaves[0]))[:needed]  # noqa: NPY002

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
