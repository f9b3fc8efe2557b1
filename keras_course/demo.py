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


def epoch_progbar(epochs, stream=None, metrics=("loss", "val_mae")):
    """A callback showing progress over epochs (fit's own bar is per step).

    On a terminal: a Keras progress bar redrawn in place. Otherwise (CI logs,
    `| tee`, a file): plain lines, one every tenth of the run and one at the
    end, instead of carriage-return updates that pile up on one line (Keras's
    `Progbar` treats every POSIX stdout as a terminal).
    """
    import sys

    import keras

    stream = sys.stdout if stream is None else stream
    interactive = hasattr(stream, "isatty") and stream.isatty()
    every = max(1, epochs // 10)

    class EpochProgress(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.line, self.written = "", True
            if interactive:
                self.bar = keras.utils.Progbar(
                    epochs, unit_name="epoch", stateful_metrics=list(metrics)
                )

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            values = [(k, logs[k]) for k in metrics if k in logs]
            if interactive:
                self.bar.update(epoch + 1, values=values)
                return
            shown = " - ".join(f"{k}: {v:.4g}" for k, v in values)
            self.line, self.written = f"epoch {epoch + 1}/{epochs} - {shown}", False
            if (epoch + 1) % every == 0:
                self._write()

        def _write(self):
            stream.write(self.line + "\n")
            stream.flush()
            self.written = True

        def on_train_end(self, logs=None):
            # Early stopping can end the run before the last epoch.
            if interactive:
                if self.bar._seen_so_far < epochs:
                    stream.write("\n")
            elif not self.written:
                self._write()

    return EpochProgress()


@step("timeseries", "TiP C4W1-2: baselines and a dense forecaster on the lab series")
def timeseries(log):
    import keras

    from keras_course.applications import TimeSeriesForecaster
    from keras_course.datasets import synthetic_series
    from keras_course.ops import (
        autoregressive_forecast,
        differenced_forecast,
        mae,
        moving_average_forecast,
        naive_forecast,
    )

    split_time = 1000
    _, series = synthetic_series()
    target = series[split_time:]
    log(
        f"Generated the course's synthetic series: {len(series)} points, "
        f"split at {split_time}."
    )
    rows = [
        (
            "timeseries",
            "naive forecast MAE",
            mae(target, naive_forecast(series, split_time)),
            5.94,
        ),
        (
            "timeseries",
            "moving average (30) MAE",
            mae(target, moving_average_forecast(series, 30)[split_time - 30 :]),
            7.14,
        ),
        (
            "timeseries",
            "differenced + smoothed past MAE",
            mae(target, differenced_forecast(series, split_time)),
            4.57,
        ),
        (
            "timeseries",
            "AR(30) least squares MAE",
            mae(target, autoregressive_forecast(series, split_time, 30)),
            None,
        ),
    ]
    rows.append(
        (
            "timeseries",
            "LR finder suggestion, course DNN (SGD)",
            _course_dnn_suggestion(series[:split_time]),
            8e-6,
        )
    )
    epochs = 200
    log(
        f"Training TimeSeriesForecaster() (AR + residual, window 30), at most "
        f"{epochs} epochs with early stopping:"
    )
    keras.utils.set_random_seed(0)
    model = TimeSeriesForecaster()
    model.fit(
        series,
        split_time=split_time,
        epochs=epochs,
        seed=0,
        verbose=0,
        callbacks=[epoch_progbar(epochs)],
    )
    result = model.evaluate(series, split_time=split_time)
    # The course DNN's validation MAE as measured here: median 4.982 over 5
    # seeds (docs, Measured results; benchmarks/forecasting_quality.py).
    what = "TimeSeriesForecaster() MAE (vs course DNN)"
    rows.append(("timeseries", what, result["mae"], 4.98))
    return rows


@step("vision", "TiP C1W4: the horses-or-humans CNN on generated shapes")
def vision(log):
    import keras

    from keras_course.applications import HorseOrHumanClassifier
    from keras_course.callbacks import ThresholdStopping
    from keras_course.datasets import synthetic_shapes

    x, y = synthetic_shapes(768, image_size=32, seed=0)
    x_val, y_val = synthetic_shapes(256, image_size=32, seed=1)
    log(
        "Generated 768 training and 256 validation images of circles and "
        "squares (32x32; the real horses-or-humans set needs a download)."
    )
    epochs = 15
    log(
        f"Training HorseOrHumanClassifier((32, 32, 3)) (the course's 3-block CNN), at "
        f"most {epochs} epochs, stopping at 0.98 validation accuracy:"
    )
    keras.utils.set_random_seed(0)
    model = HorseOrHumanClassifier((32, 32, 3), class_names=("circle", "square"))
    stop = ThresholdStopping("val_accuracy", 0.98)
    history = model.fit(
        x,
        y,
        epochs=epochs,
        validation_data=(x_val, y_val),
        verbose=0,
        callbacks=[stop, epoch_progbar(epochs, metrics=("loss", "val_accuracy"))],
    )
    return [
        (
            "vision",
            "shapes CNN validation accuracy",
            history.history["val_accuracy"][-1],
            None,
        ),
        ("vision", "epochs until 0.98 (ThresholdStopping)", len(history.epoch), None),
    ]


def _course_dnn_suggestion(train_series):
    """find_learning_rate on the course week 2 DNN (window 20, SGD momentum 0.9)."""
    import keras

    from keras_course.applications import TimeSeriesForecaster
    from keras_course.callbacks import find_learning_rate
    from keras_course.datasets import windowed_dataset

    keras.utils.set_random_seed(0)
    model = TimeSeriesForecaster(
        window_size=20,
        architecture="dense",
        optimizer=keras.optimizers.SGD(1e-6, momentum=0.9),
        loss="mse",
    )
    dataset = windowed_dataset(train_series, 20, 32, 1000, seed=0)
    return find_learning_rate(model, dataset).suggestion()


def run(names, log=print):
    """Runs the named steps in order; returns all result rows."""
    rows = []
    for name in names:
        summary, fn = STEPS[name]
        log(f"== {name}: {summary}")
        started = time.perf_counter()
        step_rows = fn(log)
        for _, what, ours, course in step_rows:
            course = "n/a" if course is None else course
            log(f"   {what}: {ours:.4g} (course: {course})")
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


@step("poetry", "TiP C3W4: the sonnets preset writes on, against the course loop")
def poetry(log):
    from keras_course.applications import PoetryGenerator, list_presets
    from keras_course.reference import course_generate_text

    name = "poetry_generator_sonnets"
    poet = PoetryGenerator.from_preset(name)
    log(
        f"Loaded the preset {name!r}: the course's PoetryGenerator "
        f"({poet.count_params():,} parameters) trained on Shakespeare's sonnets "
        f"by benchmarks/train_presets.py ({list_presets()[name]['card']['training']}"
        "). Training your own: PoetryGenerator.from_corpus(text).fit(...)."
    )
    accuracy = float(list_presets()[name]["card"]["check"])
    seed = "shall i compare thee to a summer's day"
    log(f"Generated: {poet.generate(seed, num_words=10)}")
    poet.generate(seed, num_words=100)  # compiles the loop for 100 words
    start = time.perf_counter()
    poet.generate(seed, num_words=100)
    ours = 100 / (time.perf_counter() - start)
    start = time.perf_counter()
    course_generate_text(poet, poet.tokenizer, seed, 10, poet.sequence_length)
    course = 10 / (time.perf_counter() - start)
    return [
        (
            "poetry",
            "accuracy on the n-grams by evaluate (preset's card; course: fit's)",
            accuracy,
            0.76,
        ),
        (
            "poetry",
            "words/second (course: a predict per word)",
            round(ours),
            round(course),
        ),
    ]


@step("dates", "DLS C5W3: the date-translator preset turns written dates to ISO")
def dates(log):
    from keras_course.applications import DateTranslator
    from keras_course.datasets import generate_dates

    name = "date_translator_course"
    model = DateTranslator.from_preset(name)
    log(
        f"Loaded the preset {name!r}: the course's attention model "
        f"({model.count_params():,} parameters) trained on generated dates by "
        "benchmarks/train_presets.py. Training your own: "
        "DateTranslator().fit_generated() (a few minutes on 2 cores)."
    )
    texts = ["3 may 1979", "tuesday july 8 2008", "21.10.95"]
    for text, iso in zip(texts, model.translate(texts), strict=True):
        log(f"  {text!r} -> {iso}")
    held_out = generate_dates(1000, seed=2)
    return [
        (
            "dates",
            "exact match, 1,000 new dates (preset)",
            model.exact_match(held_out),
            None,
        )
    ]


@step("detection", "DLS C4W3: YOLO post-processing of a batch, against the course loop")
def detection(log):
    import numpy as np

    from keras_course.layers import YOLOHead
    from keras_course.ops import yolo_eval
    from keras_course.reference import course_yolo_eval

    rng = np.random.default_rng(0)
    raw = rng.normal(size=(32, 19, 19, 5, 85)).astype("float32")
    raw[..., 4] = rng.normal(-2.0, 3.0, size=raw.shape[:-1])
    raw[..., 5:] *= 4.0
    outputs = [np.asarray(t) for t in YOLOHead()(raw.reshape(32, 19, 19, 425))]
    log("Decoding 32 course-sized outputs (19x19x5x85) and filtering them:")
    yolo_eval(outputs)  # the first call compiles; yolo_eval keeps it
    start = time.perf_counter()
    result = yolo_eval(outputs)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    course = [course_yolo_eval([t[i] for t in outputs]) for i in range(32)]
    theirs = time.perf_counter() - start
    same = [len(c[0]) for c in course] == np.asarray(result["num_detections"]).tolist()
    log(f"  {int(np.sum(result['num_detections']))} detections; same counts: {same}")
    return [
        ("detection", "yolo_eval, 32 images, s (course: per image)",
         round(ours, 4), round(theirs, 4)),
    ]  # fmt: skip


@step("segmentation", "DLS C4W3: a small U-Net labels every pixel of new images")
def segmentation(log):
    import keras
    import numpy as np

    from keras_course.applications import UNet
    from keras_course.datasets import synthetic_segmentation

    x, y = synthetic_segmentation(256, (48, 64), num_classes=4, seed=0)
    vx, vy = synthetic_segmentation(64, (48, 64), num_classes=4, seed=1)
    log(
        "Generated 256 training and 64 held-out 48x64 images of overlapping "
        "shapes with per-pixel classes (the course's CARLA masks need a "
        "download)."
    )
    epochs = 12
    log(f"Training UNet(filters=8) (the course's U-Net, narrower), {epochs} epochs:")
    keras.utils.set_random_seed(0)
    model = UNet(
        (48, 64, 3), filters=8, num_classes=4, optimizer=keras.optimizers.Adam(3e-3)
    )
    model.fit(
        x, y, epochs=epochs, batch_size=16, verbose=0,
        callbacks=[epoch_progbar(epochs, metrics=("loss", "accuracy"))],
    )  # fmt: skip
    predicted = model.predict_masks(vx)
    ious = [
        np.logical_and(vy == c, predicted == c).sum()
        / max(np.logical_or(vy == c, predicted == c).sum(), 1)
        for c in range(4)
    ]
    return [
        ("segmentation",
         f"held-out pixel accuracy (all background: {np.mean(vy == 0):.3f})",
         float(np.mean(predicted == vy)), None),
        ("segmentation", "held-out mean IoU over 4 classes", float(np.mean(ious)),
         None),
    ]  # fmt: skip


@step("names", "DLS C5W1: the names preset invents first names, against the course")
def names(log):
    from keras_course.applications import CharLanguageModel, list_presets
    from keras_course.datasets import load_first_names
    from keras_course.reference import course_sample_per_character

    names = load_first_names()
    name = "char_language_model_names"
    model = CharLanguageModel.from_preset(name)
    loss = float(list_presets()[name]["card"]["check"])
    log(
        f"Loaded the preset {name!r}: the course's 50-unit RNN over "
        f"{len(model.characters)} characters, trained on the census first names "
        "(shipped) by benchmarks/train_presets.py. Training your own: "
        "CharLanguageModel.from_names(names).fit(epochs=20)."
    )
    sampled = model.sample(8, seed=0)
    log(f"  sampled: {', '.join(sampled)}")
    model.sample(32, temperature=0)  # compiles the loop
    start = time.perf_counter()
    greedy = model.sample(32, temperature=0)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    course_sample_per_character(model, model.start_id, 4)
    course = (time.perf_counter() - start) * 8  # 4 names timed, 32 asked
    characters = 32 * (len(greedy[0]) + 1)
    known = set(names)
    novel = sum(n not in known for n in model.sample(1000, seed=1)) / 1000
    return [
        ("names", "held-out loss per character (preset's card; uniform 3.30)",
         loss, None),
        ("names", "share of 1,000 sampled names that are new", novel, None),
        ("names", "characters/second, 32 names (course: predict per character)",
         round(characters / ours), round(characters / course)),
    ]  # fmt: skip


@step("jazz", "DLS C5W1: an LSTM improvises melodies, value by value")
def jazz(log):
    import keras
    import numpy as np

    from keras_course.applications import JazzImproviser
    from keras_course.datasets import load_folk_melodies
    from keras_course.reference import (
        course_music_inference_model,
        course_predict_and_sample,
    )

    melodies = load_folk_melodies()
    keras.utils.set_random_seed(0)
    model = JazzImproviser.from_melodies(melodies)
    epochs = 5
    log(
        f"Training JazzImproviser (the course's djmodel, LSTM(64) over "
        f"{len(model.values)} values) on {len(melodies)} public-domain fiddle "
        f"tunes (shipped; the course's jazz solo cannot be), {epochs} epochs:"
    )
    history = model.fit(
        epochs=epochs, batch_size=64, verbose=0,
        callbacks=[epoch_progbar(epochs, metrics=("loss",))],
    )  # fmt: skip
    log(f"  improvised: {' '.join(model.generate(1, length=12, seed=0)[0])} ...")
    # The course's way: the cell unrolled 50 steps in one model, predicted
    # once (built and traced first, as the notebook does before it samples).
    cell = keras.layers.LSTM(model.units, return_state=True)
    cell.build((None, 1, len(model.values)))
    cell.set_weights(model.get_layer("rnn").get_weights())
    inference = course_music_inference_model(cell, model.get_layer("next"), Ty=50)
    x0 = np.zeros((1, 1, len(model.values)), "float32")
    a0 = np.zeros((1, model.units), "float32")
    course_predict_and_sample(inference, x0, a0, a0)
    start = time.perf_counter()
    _, indices = course_predict_and_sample(inference, x0, a0, a0)
    course = time.perf_counter() - start
    model.generate_ids(1, 50, temperature=0)  # compiles the loop
    start = time.perf_counter()
    ours = model.generate_ids(1, 50, temperature=0)
    ours_time = time.perf_counter() - start
    same = bool((ours[0] == indices[:, 0]).all())
    return [
        ("jazz", "loss per value (uniform guess 4.50)",
         history.history["loss"][-1], None),
        ("jazz", f"50 greedy values, seconds (course: inference model; same: {same})",
         round(ours_time, 4), round(course, 4)),
    ]  # fmt: skip
