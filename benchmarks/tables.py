"""Writes the benchmarks page's tables from the JSON records in results/.

Each table is a function of committed records; `docs/generated/<name>.rst`
holds its output and the benchmarks page includes it, so a table cannot
drift from its record: `tests/test_benchmark_tables.py` fails when a
committed table differs from what its records give. After a benchmark writes
a new record:

    python benchmarks/tables.py          # rewrite docs/generated/ and the README
    python benchmarks/tables.py --check  # exit 1 if a table or the README is stale

The speed tables come from every `results/speed_*.json` (one table a
component: ours, the course's way, the fair baseline, the floor, with the
machine and date); the presets table from the shipped presets' metadata.
The README's speed lines (between its `<!-- speed -->` markers) and the
"measured" cell of every application with a record are written here too,
and checked the same way.
"""

import argparse
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GENERATED = ROOT / "docs" / "generated"


def _record(name):
    return json.loads((RESULTS / f"{name}.json").read_text())


def _existing_records(names):
    """The records of `names` that exist (a comparison row appears once run)."""
    return [_record(n) for n in names if (RESULTS / f"{n}.json").exists()]


def _spread(values):
    """`median (min–max)` to three decimals."""
    values = np.asarray(values, "float64")
    return f"{np.median(values):.3f} ({values.min():.3f}–{values.max():.3f})"


def _seeds(runs):
    seeds = [r["seed"] for r in runs]
    return f"seeds {min(seeds)}-{max(seeds)}"


def _list_table(header, rows):
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        lines.append(f"   * - {row[0]}")
        lines += [f"     - {cell}" for cell in row[1:]]
    return "\n".join(lines) + "\n"


def convolution_models():
    happy = _record("convolution_models_happy_seeds0-9")["results"][
        "HappyHouseClassifier"
    ]
    signs = _record("convolution_models_seeds0-4_signs_1e-3")["results"][
        "SignsClassifier"
    ]
    held_out = _record("convolution_models_seeds5-9")["results"]["SignsClassifier"]
    course = _record("convolution_models_seeds0-4_course_rate")["results"][
        "SignsClassifier"
    ]
    chance = sum(r["accuracy"] < 0.3 for r in course)

    def majority(runs):
        return f"{np.median([r['majority'] for r in runs]):.2f}"

    rows = [
        ("``HappyHouseClassifier()``, 10 epochs, batch 16",
         "``synthetic_happy_faces`` (600 / 150)",
         f"{_spread([r['accuracy'] for r in happy])}, {_seeds(happy)}",
         majority(happy)),
        ("``SignsClassifier()`` (Adam 1e-3), 100 epochs, batch 64",
         "``synthetic_signs`` (1,080 / 120)",
         f"{_spread([r['accuracy'] for r in signs])}, {_seeds(signs)}; held out, "
         f"{_seeds(held_out)}: {_spread([r['accuracy'] for r in held_out])}",
         majority(signs)),
        ("``SignsClassifier(optimizer=Adam(0.01))``, the course's rate",
         "the same",
         f"{_spread([r['accuracy'] for r in course])}, {_seeds(course)}: "
         f"{chance} of {len(course)} at chance",
         majority(course)),
    ]  # fmt: skip
    header = ("model, recipe", "data (train / test)",
              "test accuracy, median (range)", "majority class")  # fmt: skip
    return _list_table(header, rows)


# (experiment, the record's key, the row's label, the course's number)
_FOUNDATIONS = (
    ("flower", "logistic regression",
     "planar flower: logistic regression (``LogisticRegressionCV``)", "47%"),
    ("flower", "4 tanh units",
     'planar flower: ``ShallowClassifier(4, "tanh")``, 10,000 steps at 1.2',
     "90%"),
    ("initialisation", "zeros",
     "circles, 2-10-5-1 ReLU, 15,000 steps at 0.01: zeros", "50%"),
    ("initialisation", "large random N(0, 10^2)",
     "circles: large random, N(0, 10²)", "83%"),
    ("initialisation", "He", "circles: He", "99%; test 96%"),
    ("optimisation", "gradient descent",
     "moons, 2-5-2-1, batches of 64, 5,000 epochs: gradient descent 0.0007",
     "79.7%"),
    ("optimisation", "momentum 0.9", "moons: momentum 0.9", "79.7%"),
    ("optimisation", "Adam", "moons: Adam 0.0007", "94%"),
    ("optimisation", "gradient descent + decay",
     "moons: gradient descent, 0.1 with ``schedule_lr_decay`` (0.3 every "
     "1,000 epochs, as ``InverseTimeDecay(staircase=True)``)",
     "decay closes the gap"),
    ("optimisation", "momentum 0.9 + decay", "moons: momentum + decay", ""),
    ("optimisation", "Adam + decay", "moons: Adam + decay", ""),
)  # fmt: skip


def foundations():
    experiments = {}
    for name in ("foundations_flower", "foundations_init_optim"):
        experiments.update(_record(name)["experiments"])
    rows = []
    for experiment, key, label, course in _FOUNDATIONS:
        runs = experiments[experiment]
        if experiment == "initialisation":
            train = _spread([r[f"{key} (train)"] for r in runs])
            test = _spread([r[f"{key} (test)"] for r in runs])
            cell = f"{train}; test {test}"
        else:
            cell = _spread([r[key] for r in runs])
        rows.append((label, f"{cell}, {_seeds(runs)}", course))
    header = ("experiment", "keras-course, median (range)", "the course")
    return _list_table(header, rows)


def gradient_check():
    header = ("backend", "checked", "seconds, range", "largest relative difference",
              "passed")  # fmt: skip
    rows = []
    for backend in ("tensorflow", "jax"):
        record = _record(f"gradient_check_{backend}")
        for runs in record["runs"].values():
            rows.append((backend, f"{runs['checked']:,} of {record['parameters']:,}",
                         _range(runs["seconds"], 2), f"{max(runs['differences']):.1e}",
                         "yes" if runs["passed"] else "**no**"))  # fmt: skip
    return _list_table(header, rows) + (
        f"\n{record['machine']}, Keras {record['keras']}, {record['date']}; "
        f"{len(runs['seconds'])} runs each.\n"
    )


def unet_segmentation():
    record = _record("unet_segmentation")
    runs = record["runs"]
    rows = [(f"``UNet((96, 128, 3), filters={record['filters']}, num_classes=4)``, "
             f"{record['epochs']} epochs of {record['images']:,} images, "
             f"{_seeds(runs)}",
             f"**{_spread([r['accuracy'] for r in runs])}**",
             _spread([r["background"] for r in runs]),
             f"**{_spread([r['mean_iou'] for r in runs])}**",
             f"{_range([r['seconds'] for r in runs], 0)} s")]  # fmt: skip
    header = ("model, training", "pixel accuracy, median (range)",
              "every pixel background", "mean IoU (4 classes)", "training")  # fmt: skip
    return _list_table(header, rows) + _machine(record)


# The default's dropout (0.5, chosen on seeds 0-4, checked on held-out seeds
# 5-9) and the course's 0.8; the README quotes the default on held-out seeds.
TRIGGER_RECORDS = (
    "trigger_word_quality_dropout05",
    "trigger_word_quality_dropout05_seeds5-9",
    "trigger_word_quality_dropout08",
    "trigger_word_quality_dropout08_seeds5-9",
)
TRIGGER_README = "trigger_word_quality_dropout05_seeds5-9"
TRIGGER_DROPOUTS = {0.5: " (the default)", 0.8: " (the course)"}


def trigger_word_quality():
    records = _existing_records(TRIGGER_RECORDS)
    rows = []
    for record in records:
        runs = record["runs"]
        dropout = record.get("dropout", 0.8)  # the first record predates the field
        rows.append((f"{record['clips']} clips of {record['seconds']:g} s, "
                     f"{record['epochs']} epochs, dropout {dropout:g}"
                     f"{TRIGGER_DROPOUTS.get(dropout, '')}, {_seeds(runs)}",
                     _spread([r["precision"] for r in runs]),
                     _spread([r["recall"] for r in runs]),
                     f"**{_spread([r['f1'] for r in runs])}**",
                     _spread([r["step_accuracy"] for r in runs]),
                     f"{_range([r['seconds'] for r in runs], 0)} s",
                     f"{_range([r['peak_gb'] for r in runs], 1)} GB"))  # fmt: skip
    header = ("training", "precision", "recall", "event F1, median (range)",
              "output steps right at 0.5", "training", "peak memory")  # fmt: skip
    return _list_table(header, rows) + _machine(records[0])


def jazz_quality():
    record = _record("jazz_generation")
    runs = record["runs"]
    rows = [
        (
            f"the course's ``djmodel``, {record['epochs']} epochs, {_seeds(runs)}",
            f"**{_spread([r['held_out_loss'] for r in runs])}**",
            f"{runs[0]['frequency_floor']:.3f}",
            f"{runs[0]['uniform']:.3f}",
        )
    ]
    header = (
        "model",
        "held-out loss per value, median (range)",
        "the values' frequencies alone",
        "uniform over the 90 values",
    )
    return _list_table(header, rows) + _machine(record)


def subword_sentiment():
    record = _record("subword_sentiment")
    rows = []
    for corpus, runs in record["corpora"].items():
        cells = [f"{corpus} ({len(runs)} seeds)"]
        for encoding in ("words", "subwords"):
            accuracy = [r[encoding]["accuracy"] for r in runs]
            lengths = [r[encoding]["length"] for r in runs]
            cells.append(
                f"{_spread(accuracy)}, length {min(lengths):,}–{max(lengths):,}"
            )
        cells.append(f"{np.median([r['majority'] for r in runs]):.3f}")
        rows.append(cells)
    header = ("corpus", "words", "subwords", "majority class")
    return _list_table(header, rows)


def _printed(name):
    """A record kept as the script's printed output (older benchmarks)."""
    return (RESULTS / name).read_text().splitlines()


def _fashion_runs():
    """`{architecture: [(accuracy, seconds), ...]}` from `fashion_mnist.py`'s
    printed per-seed lines, such as `  cnn seed 0: 0.9084 (147 s)`."""
    runs = {}
    for line in _printed("fashion_mnist_debian_seeds0-4.txt"):
        if " seed " in line:
            name, rest = line.split(" seed ")
            accuracy, seconds = rest.split(": ")[1].split(" (")
            runs.setdefault(name.strip(), []).append(
                (float(accuracy), int(seconds.rstrip(" s)")))
            )
    return runs


def fashion_mnist():
    runs = _fashion_runs()
    labels = {
        "dense": '``"dense"`` (the course\'s Flatten → Dense(128) → Dense(10))',
        "cnn": '``"cnn"`` (two Conv 64 + pooling, then Dense(128))',
    }
    targets = {"dense": "≥ 0.87 (the course: 0.87–0.88)",
               "cnn": "≥ 0.90 (the course: 0.91–0.92)"}  # fmt: skip
    rows = []
    for name, values in runs.items():
        accuracy, seconds = zip(*values, strict=True)
        rows.append((labels[name], f"{_spread(accuracy)}, {len(values)} seeds",
                     targets[name], f"{min(seconds)}–{max(seconds)} s"))  # fmt: skip
    header = ("architecture", "test accuracy, median (range)", "target",
              "training time")  # fmt: skip
    return _list_table(header, rows)


def memory():
    """From `memory.py`'s printed table."""
    lines = _printed("memory_2026-12-04.txt")
    header = ("application (course size)", "data GB", "built GB", "peak GB",
              "epoch s")  # fmt: skip
    rows = []
    for line in lines[1:]:
        *name, data, built, peak, seconds = line.split()
        first, *rest = name
        rows.append((" ".join([f"``{first}``", *rest]), data, built,
                     f"**{peak}**", seconds))  # fmt: skip
    return _list_table(header, rows)


def forecasting_quality():
    record = _record("forecasting_quality")
    header = ("series", "naive", "AR(30)", "course DNN (dense), median (range)",
              "``TimeSeriesForecaster()``, median (range)", "vs AR(30)",
              "vs naive, every seed")  # fmt: skip
    rows = []
    for name, result in record["series"].items():
        ours = [r["mae"] for r in result["models"]["TimeSeriesForecaster()"]]
        dnn = result["models"].get("course DNN (dense)")
        gain = 1 - np.asarray(ours) / result["naive"]
        rows.append((
            f"{name}, split {result['split_time']:,} of {result['points']:,}",
            f"{result['naive']:.3f}", f"{result['ar']['30']:.3f}",
            _spread([r["mae"] for r in dnn]) if dnn else "—",
            f"**{_spread(ours)}**",
            f"{np.median(ours) / result['ar']['30']:.3f}x",
            f"{gain.min():.1%}–{gain.max():.1%} better",
        ))  # fmt: skip
    runs = [r for result in record["series"].values()
            for r in result["models"]["TimeSeriesForecaster()"]]  # fmt: skip
    note = (f"\n{len(runs) // len(record['series'])} seeds, "
            f"{record['machine']}, Keras {record['keras']} "
            f"({record['backend']}), {record['date']}.\n")  # fmt: skip
    return _list_table(header, rows) + note


def _seconds(values):
    """`median s (min–max)` to three significant digits."""
    values = np.asarray(values, "float64")
    if len(values) == 1:
        return f"{values[0]:.3g} s"
    return f"{np.median(values):.3g} s ({values.min():.3g}–{values.max():.3g})"


def _times(value):
    """A ratio the way people read it: 31,912x, 42x, 3.4x, 0.93x."""
    if value >= 100:
        return f"{value:,.0f}x"
    return f"{value:.0f}x" if value >= 10 else f"{value:.2g}x"


def _ratio(slow, fast):
    """`slow / fast` as the ratio of medians and its widest range over the
    calls timed: `12x (9.1x–15x)`."""
    slow, fast = np.asarray(slow, "float64"), np.asarray(fast, "float64")
    middle = np.median(slow) / np.median(fast)
    if len(slow) == len(fast) == 1:
        return _times(middle)
    low, high = slow.min() / fast.max(), slow.max() / fast.min()
    return f"{_times(middle)} ({_times(low)}–{_times(high)})"


def _jazz_speed():
    """`jazz_generation.py`'s record (timings kept per seed) as a speed record."""
    record = _record("jazz_generation")
    runs = record.pop("runs")

    def row(case, ours, course):
        seconds = {"ours": [r[ours] for r in runs], "course": [r[course] for r in runs]}
        return {"case": case, "seconds": seconds}

    return {
        **record,
        "benchmark": "jazz_generation",
        "record": "jazz_generation.json",
        "task": "50 greedy values from the same trained weights, checked equal "
        f"({len(runs)} models; each later-call time is a median of 5)",
        "ways": {"ours": "``JazzImproviser.generate_ids``",
                 "course": "``music_inference_model`` + ``predict_and_sample`` "
                           "(DLS C5W1)"},  # fmt: skip
        "rows": [
            {**row("later calls", "ours_again", "course_again"),
             "headline": "``JazzImproviser.generate``"},
            row("first call (the course builds its model; ours compiles)",
                "ours_first", "course_first"),
        ],
    }  # fmt: skip


# Course order: TiP C1-C4, then DLS C4-C5.
COURSE_ORDER = ("image_folder_dataset", "tokenizer", "poetry_generation",
                "windowed_dataset", "forecast", "lr_finder", "yolo_postprocessing",
                "style_transfer_speed", "char_language_model", "jazz_generation",
                "word_vectors", "date_translator")  # fmt: skip


def speed_records():
    """Every speed record, in course order (the jazz one converted)."""
    records = [json.loads(p.read_text()) for p in RESULTS.glob("speed_*.json")]
    records.append(_jazz_speed())
    unknown = {r["benchmark"] for r in records} - set(COURSE_ORDER)
    if unknown:
        raise ValueError(f"Add {sorted(unknown)} to COURSE_ORDER in tables.py")
    return sorted(records, key=lambda r: COURSE_ORDER.index(r["benchmark"]))


WAYS = {"course": "the course's way (its time; its time / ours)",
        "fair": "fair baseline (its time; its time / ours)",
        "floor": "floor (its time; ours / its time)"}  # fmt: skip


def speed():
    """One table per component, from `results/speed_*.json`."""
    parts = []
    for record in speed_records():
        ways = record["ways"]
        header = ["case", "ours"] + [WAYS[w] for w in WAYS if w in ways]
        what = ["what runs", ways["ours"]] + [ways[w] for w in WAYS if w in ways]
        rows = [what]
        for row in record["rows"]:
            seconds = row["seconds"]
            ours = seconds["ours"]
            cells = [row["case"], _seconds(ours)]
            for way in (w for w in WAYS if w in ways):
                if way not in seconds:
                    cells.append("—")
                elif way == "floor":
                    cells.append(f"{_seconds(seconds[way])}; "
                                 f"{_ratio(ours, seconds[way])}")  # fmt: skip
                else:
                    cells.append(f"{_seconds(seconds[way])}; "
                                 f"{_ratio(seconds[way], ours)}")  # fmt: skip
            rows.append(cells)
        parts.append(
            f"**{record['benchmark']}**: {record['task']}. {record['machine']}, "
            f"Keras {record['keras']} ({record['backend']}), {record['date']}; "
            f"``benchmarks/{record['benchmark']}.py``, record ``benchmarks/"
            f"results/{record.get('record', 'speed_' + record['benchmark'] + '.json')}"
            "``.\n\n" + _list_table(header, rows)
        )
    return "\n".join(parts)


# The components whose headline rows the README quotes, in its order; the
# others are on the benchmarks page only.
README_SPEED = (
    "forecast",
    "windowed_dataset",
    "lr_finder",
    "poetry_generation",
    "jazz_generation",
    "date_translator",
    "yolo_postprocessing",
)


def readme_speed():
    """The README's speed lines: the headline rows of `README_SPEED`."""
    lines = []
    records = {r["benchmark"]: r for r in speed_records()}
    for record in (records[name] for name in README_SPEED):
        ways = record["ways"]
        for row in (r for r in record["rows"] if r.get("headline")):
            seconds = row["seconds"]
            parts = [f"{_ratio(seconds['course'], seconds['ours'])} as fast as "
                     f"{ways['course']}"]  # fmt: skip
            if "fair" in seconds:
                parts.append(f"{_ratio(seconds['fair'], seconds['ours'])} as fast "
                             f"as {ways['fair']}")  # fmt: skip
            if "floor" in seconds:
                parts.append(f"{_ratio(seconds['ours'], seconds['floor'])} the "
                             "floor's time")  # fmt: skip
            line = f"- {row['headline']} ({row['case']}): " + "; ".join(parts)
            lines.append(line.replace("``", "`"))
    return "\n".join(lines) + "\n"


def _range(values, digits=3):
    values = np.asarray(values, "float64")
    return f"{values.min():.{digits}f}–{values.max():.{digits}f}"


def readme_measured():
    """The README's "measured" cell of each application that has a record."""
    fashion = {name: [accuracy for accuracy, _ in runs]
               for name, runs in _fashion_runs().items()}  # fmt: skip
    happy = _record("convolution_models_happy_seeds0-9")["results"][
        "HappyHouseClassifier"
    ]
    signs = _record("convolution_models_seeds0-4_signs_1e-3")["results"][
        "SignsClassifier"
    ]
    signs_held = _record("convolution_models_seeds5-9")["results"]["SignsClassifier"]
    jazz = _record("jazz_generation")["runs"]
    again = [r["course_again"] / r["ours_again"] for r in jazz]
    cells = {
        "FashionMNISTClassifier": (
            f"test accuracy {_range(fashion['cnn'])} on real Fashion-MNIST "
            f"(dense: {_range(fashion['dense'])})"),
        "HappyHouseClassifier": (
            f"test accuracy median {_spread([r['accuracy'] for r in happy])[:-1]}"
            f", {len(happy)} seeds) on generated faces"),
        "SignsClassifier": (
            f"test accuracy {_range([r['accuracy'] for r in signs])} on generated "
            f"hands ({_range([r['accuracy'] for r in signs_held])} on "
            f"{len(signs_held)} held-out seeds)"),
        "JazzImproviser": (
            f"held-out loss per value {_range([r['held_out_loss'] for r in jazz])}"
            f" on shipped folk tunes (uniform {jazz[0]['uniform']:.2f}); "
            f"`generate` {min(again):.0f}–{max(again):.0f}x the course's "
            "inference model"),
    }  # fmt: skip
    forecasting = _record("forecasting_quality")["series"]
    course = next(iter(forecasting.values()))
    ours = [r["mae"] for r in course["models"]["TimeSeriesForecaster()"]]
    dnn = [r["mae"] for r in course["models"]["course DNN (dense)"]]
    sunspots = [
        np.median([r["mae"] for r in result["models"]["TimeSeriesForecaster()"]])
        / result["ar"]["30"]
        for name, result in forecasting.items()
        if name.startswith("sunspots")
    ]
    cells["TimeSeriesForecaster"] = (
        f"validation MAE {_range(ours, 2)} on the course series (course DNN "
        f"{np.median(dnn):.2f}, AR(30) {course['ar']['30']:.2f}); "
        f"{_range(sunspots)}x AR(30) on real monthly sunspots"
    )
    dates = _record("date_translator_seeds50-54")["settings"]
    (runs,) = dates.values()
    cells["DateTranslator"] = (
        f"exact match {_range([r['exact_match'] for r in runs], 4)} on new "
        "generated dates"
    )
    faces = _record("face_verification")["runs"]
    cells["FaceVerifier"] = (
        "pair accuracy "
        f"{_range([r['unseen']['best_accuracy'] for r in faces])} on digits "
        "never seen in training"
    )
    flower = _record("foundations_flower")["experiments"]["flower"]
    cells["ShallowClassifier"] = (
        f"{_range([r['4 tanh units'] for r in flower])} on the course's planar "
        f"flower (logistic regression {flower[0]['logistic regression']:.2f})"
    )
    poetry = json.loads((PRESETS / "poetry_generator_sonnets" / "metadata.json")
                        .read_text())["card"]  # fmt: skip
    epochs = poetry["recipe"].split("epochs=")[1].split(",")[0]
    cells["PoetryGenerator"] = (
        f"training accuracy {poetry['check']} after {epochs} epochs on the shipped "
        "sonnets (the preset, one seed; the course: about 0.76)"
    )
    names = _record("char_language_model")
    cells["CharLanguageModel"] = (
        f"loss per character {_range([r['loss'][-1] for r in names['runs']])} "
        f"on the shipped census names (uniform {names['uniform']:.2f})"
    )
    sentiment = _record(SENTIMENT_RECORDS[0])
    corpora = sentiment["corpora"]
    tweets, reviews = corpora["tweets"]["pooling"], corpora["reviews"]["pooling"]
    cells["SentimentClassifier"] = (
        f"test accuracy {_range([r['accuracy'] for r in tweets])} on "
        f"{tweets[0]['texts']:,} real tweets (majority "
        f"{tweets[0]['majority']:.2f}); {_range([r['accuracy'] for r in reviews])}"
        f" on {reviews[0]['texts']:,} real movie reviews (length "
        f"{sentiment['max_length']})"
    )
    unet = _record("unet_segmentation")["runs"]
    cells["UNet"] = (
        f"pixel accuracy {_range([r['accuracy'] for r in unet])}, mean IoU "
        f"{_range([r['mean_iou'] for r in unet])} on generated masks"
    )
    trigger = _record(TRIGGER_README)
    f1 = [r["f1"] for r in trigger["runs"]]
    cells["TriggerWordDetector"] = (
        f"event F1 median {np.median(f1):.3f} ({_range(f1)}; {_seeds(trigger['runs'])}"
        f", {sum(np.less(f1, 0.5))} of {len(f1)} under 0.5) on new synthesized "
        f"clips (tones for speech), {trigger['epochs']} epochs"
    )
    yolo = _record("yolo_detector_quality")["runs"]
    cells["YOLODetector"] = (
        f"mAP@0.5 {_range([r['map50'] for r in yolo])} on new generated shapes"
    )
    return cells


def face_verification():
    runs = _record("face_verification")["runs"]
    header = ("pairs of", "best pair accuracy, median (range)",
              "its threshold", "accuracy at the course's 0.7")  # fmt: skip
    rows = []
    for key, label in (("unseen", "digits 7-9, never trained on"),
                       ("seen", "new images of digits 0-6")):  # fmt: skip
        best = [r[key]["best_accuracy"] for r in runs]
        thresholds = [r[key]["best_threshold"] for r in runs]
        rows.append((label, f"**{_spread(best)}**, {_seeds(runs)}",
                     _range(thresholds, 2),
                     _range([r[key]["accuracy_at_0.7"] for r in runs])))  # fmt: skip
    return _list_table(header, rows)


def transformer_reversal():
    record = _record("transformer_reversal")
    runs = record["runs"]

    def spread(key):
        return _spread([r[key] for r in runs])

    header = ("on 500 new sequences", f"median (range), {_seeds(runs)}")
    rows = [
        ("token accuracy, teacher-forced", spread("teacher_forced")),
        ("token accuracy, greedy (its own outputs)", spread("greedy")),
        ("sequences exactly reversed", spread("exact")),
        (
            f"training time, {record['epochs']} epochs",
            _seconds([r["seconds"] for r in runs]),
        ),
    ]
    return _list_table(header, rows) + _machine(record)


def poetry_quality():
    record = _record("poetry_quality")
    runs = record["runs"]
    epochs = record["epochs"]
    milestones = [m for m in (10, 20, 30, 50, 100) if m <= epochs]
    header = ("Adam rate", *(f"``fit`` at epoch {m}" for m in milestones),
              f"``evaluate`` after epoch {epochs}", "first epoch ``fit`` ≥ 0.76",
              "training time")  # fmt: skip
    rows = []
    for rate in sorted({r["learning_rate"] for r in runs}):
        group = [r for r in runs if r["learning_rate"] == rate]
        at = [_spread([r["accuracy"][m - 1] for r in group]) for m in milestones]
        first = [r["first_epoch_at_target"] for r in group]
        first = [f for f in first if f is not None]
        reached = (f"{min(first)}-{max(first)} ({len(first)} of {len(group)})"
                   if first else f"never (0 of {len(group)})")  # fmt: skip
        evaluated = _spread([r["evaluate_accuracy"] for r in group])
        rows.append((f"{rate:g}, {_seeds(group)}", *at, f"**{evaluated}**",
                     reached, _seconds([r["seconds"] for r in group])))  # fmt: skip
    return _list_table(header, rows) + _machine(record)


def char_language_model():
    record = _record("char_language_model")
    runs = record["runs"]
    shown = [e for e in (1, 5, 10, 20, 50) if e <= record["epochs"]]
    header = ("measure", f"median (range), {_seeds(runs)}")
    rows = [(f"training loss per character (``fit``'s), epoch {e}",
             _spread([r["loss"][e - 1] for r in runs])) for e in shown]  # fmt: skip
    rows += [("a uniform guess over 27 characters", f"{record['uniform']:.3f}"),
             ("knowing only each character's frequency", f"{record['unigram']:.3f}"),
             ("share of 1,000 sampled names not in the list",
              _spread([r["novel"] for r in runs]))]  # fmt: skip
    return _list_table(header, rows) + _machine(record)


def date_translator():
    record = _record("date_translator_seeds50-54")
    header = ("training", "exact match on 2,000 new dates, median (range)",
              "training time")  # fmt: skip
    rows = []
    for setting, runs in record["settings"].items():
        what = ("``fit_generated()`` (20,000 dates, 20 epochs), "
                f"{setting}, held-out {_seeds(runs)}")  # fmt: skip
        exact = np.asarray([r["exact_match"] for r in runs])
        exact = f"{np.median(exact):.4f} ({exact.min():.4f}–{exact.max():.4f})"
        rows.append((what, f"**{exact}**",
                     _seconds([r["seconds"] for r in runs])))  # fmt: skip
    return _list_table(header, rows) + _machine(record)


def yolo_detector_quality():
    record = _record("yolo_detector_quality")
    runs = record["runs"]
    header = ("training", "mAP@0.5 on 300 new images, median (range)",
              "training time, two runs at a time")  # fmt: skip
    rows = [(f"``YOLODetector(3)``, {record['epochs']} epochs on "
             f"{record['images']:,} images, {_seeds(runs)}",
             f"**{_spread([r['map50'] for r in runs])}**",
             _seconds([r["seconds"] for r in runs]))]  # fmt: skip
    return _list_table(header, rows) + _machine(record)


SENTIMENT_RECORDS = ("sentiment_quality_len120", "sentiment_quality_len500")


def sentiment_quality():
    records = _existing_records(SENTIMENT_RECORDS)
    header = ("corpus", "majority class", *(
        f"length {r['max_length']}, {r['epochs']} epochs, median (range)"
        for r in records))  # fmt: skip
    rows = []
    for name, encoders in records[0]["corpora"].items():
        runs = encoders["pooling"]
        majority = np.median([x["majority"] for x in runs])
        cells = [_spread([x["accuracy"] for x in r["corpora"][name]["pooling"]])
                 for r in records]  # fmt: skip
        rows.append((f"{name} ({runs[0]['texts']:,})", f"{majority:.3f}", *cells))
    return _list_table(header, rows) + _machine(records[0])


def _machine(record):
    return (f"\n{record['machine']}, Keras {record['keras']} "
            f"({record['backend']}), {record['date']}.\n")  # fmt: skip


PRESETS = ROOT / "keras_course" / "presets"


def presets():
    """The shipped presets, from their own metadata (docs: Presets)."""
    header = ("preset", "parameters, size", "data", "quality (measured when "
              "trained)", "trained")  # fmt: skip
    rows = []
    for path in sorted(PRESETS.glob("*/metadata.json")):
        metadata = json.loads(path.read_text())
        card, name = metadata["card"], path.parent.name
        size = sum(f.stat().st_size for f in path.parent.iterdir())
        rows.append((
            f"``{metadata['class_name']}.from_preset(\"{name}\")``",
            f"{metadata['parameter_count']:,}; {size / 2**20:.2f} MiB",
            card["data"], card["quality"], card["training"],
        ))  # fmt: skip
    return _list_table(header, [[c.replace("`", "``").replace("````", "``")
                                 for c in row] for row in rows])  # fmt: skip


TABLES = {"convolution_models": convolution_models,
          "subword_sentiment": subword_sentiment,
          "foundations": foundations,
          "jazz_quality": jazz_quality,
          "gradient_check": gradient_check,
          "unet_segmentation": unet_segmentation,
          "trigger_word_quality": trigger_word_quality,
          "fashion_mnist": fashion_mnist,
          "memory": memory,
          "presets": presets,
          "face_verification": face_verification,
          "forecasting_quality": forecasting_quality,
          "poetry_quality": poetry_quality,
          "yolo_detector_quality": yolo_detector_quality,
          "date_translator": date_translator,
          "sentiment_quality": sentiment_quality,
          "char_language_model": char_language_model,
          "transformer_reversal": transformer_reversal,
          "speed": speed}  # fmt: skip
README = ROOT / "README.md"
README_MARKERS = ("<!-- speed: benchmarks/tables.py -->\n", "<!-- end speed -->")


def _with_readme_speed(text):
    """`text` (the README) with its speed lines and the measured cells of the
    applications table written from the records."""
    start, end = README_MARKERS
    head, rest = text.split(start)
    text = head + start + readme_speed() + end + rest.split(end, 1)[1]
    cells = readme_measured()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        name = line.split("`")[1] if line.startswith("| `") else None
        if name in cells:
            lines[i] = line[: line.rstrip(" |").rindex(" | ") + 3] + cells[name] + " |"
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for name, table in TABLES.items():
        path = GENERATED / f"{name}.rst"
        text = table()
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(f"docs/generated/{name}.rst")
        else:
            GENERATED.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    readme = README.read_text()
    if readme != _with_readme_speed(readme):
        if args.check:
            stale.append("README.md (its speed lines)")
        else:
            README.write_text(_with_readme_speed(readme))
    for path in stale:
        print(f"stale: {path} (run python benchmarks/tables.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
