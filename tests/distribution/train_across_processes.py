"""One host of the two-process test (`test_across_processes.py`).

Run by `keras_course.testing.run_processes`: `python THIS PROCESS_ID
COORDINATOR OUT`. Trains three applications through their own entry points
under `DataParallel` over every process's devices, and records what each
process saw.
"""

import hashlib
import json
import sys


def digest(model):
    import numpy as np

    h = hashlib.sha256()
    for weight in model.get_weights():
        h.update(np.ascontiguousarray(weight).tobytes())
    return h.hexdigest()


def main(process_id, coordinator, out):
    import keras
    import numpy as np

    keras.distribution.initialize(coordinator, 2, process_id)
    distribution = keras.distribution.DataParallel(
        devices=keras.distribution.list_devices()
    )
    keras.distribution.set_distribution(distribution)
    from keras_course import applications
    from keras_course.applications._fit import sharded_dataset

    result = {"devices": len(keras.distribution.list_devices())}
    # The samples this process is given of one epoch over 64 numbered ones.
    ids = sharded_dataset(np.arange(64)[:, None], np.zeros(64), batch_size=8)
    result["ids"] = sorted(
        int(i)
        for x, _ in distribution.distribute_dataset(ids)
        for i in x.numpy().ravel()
    )
    keras.utils.set_random_seed(0)
    series = np.sin(np.arange(400) / 4) + 0.1 * np.random.default_rng(0).normal(
        size=400
    )
    runs = {
        "TimeSeriesForecaster.fit(series)": (
            applications.TimeSeriesForecaster(window_size=8, architecture="dense"),
            lambda m: m.fit(series, epochs=3, early_stopping=False, verbose=0),
        ),
        "DateTranslator.fit_generated": (
            applications.DateTranslator(encoder_units=8, decoder_units=8),
            lambda m: m.fit_generated(256, epochs=3, batch_size=32, seed=0, verbose=0),
        ),
        "PoetryGenerator.fit": (
            applications.PoetryGenerator.from_corpus(
                [
                    "shall i compare thee to a summer's day",
                    "thou art more lovely and more temperate",
                    "rough winds do shake the darling buds of may",
                ],
                embedding_dim=8,
                units=8,
            ),  # fmt: skip
            lambda m: m.fit(epochs=3, batch_size=4, verbose=0),
        ),
    }
    for name, (model, train) in runs.items():
        history = train(model)
        result[name] = {"loss": history.history["loss"], "weights": digest(model)}
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
