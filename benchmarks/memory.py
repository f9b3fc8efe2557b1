"""Peak memory of one training epoch, each application at its course size.

Each application trains one epoch in a fresh Python process, through its own
training entry point, on data of the course's shapes and sizes (random
values where the course's data is not here: memory depends on shapes, not
values). Printed per application: the size of the data it trained on, the
process's resident memory once data and model exist, and its peak during
the epoch (`ru_maxrss`), with the epoch's time. TensorFlow, CPU.

The issue's target: under 4 GB at the course's size (the
`TriggerWordDetector` peaked at 17.5-19.2 GB on 400 clips before its last
layer stopped being a `TimeDistributed`).

    python benchmarks/memory.py [--only TriggerWordDetector ...]
"""

import argparse
import json
import subprocess
import sys
import time

import numpy as np


def _pixels(n, shape, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, *shape), dtype="uint8").astype("float32")


def _labels(n, classes, seed=0):
    return np.random.default_rng(seed).integers(0, classes, n)


def trigger_word():
    from keras_course.applications import TriggerWordDetector

    rng = np.random.default_rng(0)
    x = rng.standard_normal((400, 5511, 101), dtype="float32")  # 400 10-second clips
    y = (rng.uniform(size=(400, 1375, 1)) < 0.05).astype("float32")
    model = TriggerWordDetector()
    return (x, y), lambda: model.fit(
        x, y, batch_size=16, epochs=1, validation_split=0.1, verbose=0
    )


def _image_classifier(cls, n, shape, classes, **kwargs):
    def build():
        x, y = _pixels(n, shape), _labels(n, classes)
        model = cls(**kwargs)
        return (x, y), lambda: model.fit(x, y, epochs=1, verbose=0)

    return build


def date_translator():
    from keras_course.applications import DateTranslator

    model = DateTranslator()
    return (), lambda: model.fit_generated(10000, epochs=1, verbose=0)  # the course's


def sentiment():
    from keras_course.applications import SentimentClassifier

    x = _labels(20000 * 100, 10000).reshape(20000, 100)  # sarcasm's course split
    y = _labels(20000, 2)
    model = SentimentClassifier(vocabulary_size=10000, sequence_length=100)
    return (x, y), lambda: model.fit(x, y, epochs=1, verbose=0)


def poetry():
    from keras_course.applications import PoetryGenerator
    from keras_course.datasets import load_poetry_corpus

    model = PoetryGenerator.from_corpus(load_poetry_corpus())
    return model.training_data, lambda: model.fit(epochs=1, verbose=0)


def names():
    from keras_course.applications import CharLanguageModel
    from keras_course.datasets import load_first_names

    model = CharLanguageModel.from_names(load_first_names())
    return (), lambda: model.fit(epochs=1, verbose=0)


def forecaster():
    from keras_course.applications import TimeSeriesForecaster
    from keras_course.datasets import synthetic_series

    _, series = synthetic_series()  # the course's 1,461 days
    model = TimeSeriesForecaster()
    return (series,), lambda: model.fit(series, epochs=1, verbose=0)


def resnet():
    from keras_course.applications import CourseResNet50

    x, y = _pixels(1080, (64, 64, 3)), _labels(1080, 6)  # the SIGNS set
    model = CourseResNet50()
    return (x, y), lambda: model.fit(x, y, epochs=1, batch_size=32, verbose=0)


def unet():
    from keras_course.applications import UNet

    x = _pixels(1060, (96, 128, 3))  # the course's CARLA frames
    y = _labels(1060 * 96 * 128, 23).reshape(1060, 96, 128)
    model = UNet()
    return (x, y), lambda: model.fit(x, y, epochs=1, batch_size=32, verbose=0)


def yolo():
    from keras_course.applications import YOLODetector
    from keras_course.datasets import synthetic_shapes

    images, targets = synthetic_shapes(3000, 128, max_objects=3, seed=0)
    model = YOLODetector(3)
    return (images,), lambda: model.fit(images, targets, epochs=1, verbose=0)


def shallow():
    from keras_course.applications import ShallowClassifier
    from keras_course.datasets import planar_flower

    x, y = planar_flower()
    model = ShallowClassifier()
    return (x, y), lambda: model.fit(x, y, epochs=1, verbose=0)


CASES = {
    "TriggerWordDetector": trigger_word,
    "FashionMNISTClassifier dense": lambda: _image_classifier(
        _cls("FashionMNISTClassifier"), 60000, (28, 28, 1), 10, architecture="dense"
    )(),
    "FashionMNISTClassifier cnn": lambda: _image_classifier(
        _cls("FashionMNISTClassifier"), 60000, (28, 28, 1), 10, architecture="cnn"
    )(),
    "HorseOrHumanClassifier": lambda: _image_classifier(
        _cls("HorseOrHumanClassifier"), 1027, (300, 300, 3), 2
    )(),
    "CatsVsDogsClassifier": lambda: _image_classifier(
        _cls("CatsVsDogsClassifier"), 2000, (150, 150, 3), 2
    )(),
    "RockPaperScissorsClassifier": lambda: _image_classifier(
        _cls("RockPaperScissorsClassifier"), 2520, (150, 150, 3), 3
    )(),
    "DateTranslator": date_translator,
    "SentimentClassifier": sentiment,
    "PoetryGenerator": poetry,
    "CharLanguageModel": names,
    "TimeSeriesForecaster": forecaster,
    "CourseResNet50": resnet,
    "UNet": unet,
    "YOLODetector": yolo,
    "ShallowClassifier": shallow,
}


def _cls(name):
    from keras_course import applications

    return getattr(applications, name)


def _status_gb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1e6  # kB
    raise OSError(f"no {field} in /proc/self/status")


def _reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM, the peak resident memory


def child(name):
    import keras

    keras.utils.set_random_seed(0)
    data, train = CASES[name]()
    data_bytes = sum(np.asarray(d).nbytes for d in data)
    before = _status_gb("VmRSS")
    _reset_peak()
    started = time.perf_counter()
    train()
    seconds = time.perf_counter() - started
    print(json.dumps(dict(data=data_bytes / 1e9, before=before,
                          peak=_status_gb("VmHWM"), seconds=seconds)))  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", default=list(CASES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    print(f"{'application':30s} {'data GB':>8s} {'built GB':>9s} {'peak GB':>8s} "
          f"{'epoch s':>8s}")  # fmt: skip
    for name in args.only:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name], capture_output=True, text=True
        )
        if proc.returncode != 0:
            print(f"{name:30s} failed: {proc.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{name:30s} {r['data']:8.3f} {r['before']:9.2f} {r['peak']:8.2f} "
              f"{r['seconds']:8.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
