"""JazzImproviser: generation speed against the course's inference model, and
what the model learns from the folk melodies.

Speed: the course generates with `music_inference_model` (the LSTM cell and
the softmax unrolled 50 steps in one functional model, each argmax fed back)
and one `predict_and_sample`; `keras_course.reference` holds that code. Both
ways run greedy on the same trained weights, their 50 values are checked
equal, and each is timed on a first call (the course builds its model and
Keras traces its 50-step graph; ours compiles its loop) and on later calls
(median of `--repeats`). Beside them, a `predict` per value (what a user
writes from the dinosaur week's loop), and the same 50 steps of the LSTM
cell and the softmax run eagerly, uncompiled.

Quality: trained on tunes 0-359 of `load_folk_melodies()` (the course's
recipe: Adam(0.01), here 20 epochs of batches of 64), the loss per value on
the windows of tunes 360-399 next to the uniform guess (log 90) and the
frequency floor (the entropy of the values' frequencies in training), over
seeds. Writes a JSON record.

    python benchmarks/jazz_generation.py [--seeds 5] [--repeats 5]
"""

import argparse
import json

import _report
import keras
import numpy as np
from _report import new_record, write_record

from keras_course import reference
from keras_course.applications import JazzImproviser
from keras_course.datasets import load_folk_melodies

TY = 50


def course_generate(model):
    cell = keras.layers.LSTM(model.units, return_state=True)
    cell.build((None, 1, len(model.values)))
    cell.set_weights(model.get_layer("rnn").get_weights())
    inference = reference.course_music_inference_model(
        cell, model.get_layer("next"), Ty=TY
    )
    x0 = np.zeros((1, 1, len(model.values)), "float32")
    a0 = np.zeros((1, model.units), "float32")
    return lambda: reference.course_predict_and_sample(inference, x0, a0, a0)[1][:, 0]


def predict_per_value(model):
    ids = [model.start_id]
    for _ in range(TY):
        probabilities = model.predict(np.array([ids], "int32"), verbose=0)[0, -1]
        ids.append(int(np.argmax(probabilities)))
    return np.array(ids[1:])


def eager_steps(model):
    cell, dense = model.get_layer("rnn").cell, model.get_layer("next")
    table = model.get_layer("one_hot")
    states = [keras.ops.zeros((1, model.units))] * 2
    previous = keras.ops.full((1,), model.start_id, "int32")
    for _ in range(TY):
        output, states = cell(table(previous), states)
        previous = keras.ops.cast(keras.ops.argmax(dense(output), -1), "int32")


def timed(function, repeats=1):
    """`_report.timed`, with the median of the calls' seconds."""
    out, seconds = _report.timed(function, repeats)
    return out, float(np.median(seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--out", default="benchmarks/results/jazz_generation.json")
    args = parser.parse_args()
    melodies = load_folk_melodies()
    record = new_record(epochs=args.epochs, runs=[])
    for seed in range(args.seeds):
        keras.utils.set_random_seed(seed)
        model = JazzImproviser.from_melodies(melodies[:360])
        model.fit(epochs=args.epochs, batch_size=64, verbose=0)
        held_out = float(model.evaluate(*model.windows(melodies[360:]), verbose=0))
        counts = np.bincount(
            model.training_data[1].ravel(), minlength=len(model.values)
        )
        p = counts[counts > 0] / counts.sum()
        run = {"seed": seed, "held_out_loss": held_out,
               "frequency_floor": float(-(p * np.log(p)).sum()),
               "uniform": float(np.log(len(model.values)))}  # fmt: skip
        # The course's flow: build the inference model, predict once.
        course, run["course_first"] = timed(lambda m=model: course_generate(m)())
        generate = course_generate(model)
        generate()
        _, run["course_again"] = timed(generate, args.repeats)
        ours, run["ours_first"] = timed(lambda m=model: m.generate_ids(1, TY, 0.0))
        _, run["ours_again"] = timed(
            lambda m=model: m.generate_ids(1, TY, 0.0), args.repeats
        )
        loop, run["predict_per_value"] = timed(lambda m=model: predict_per_value(m))
        _, run["eager_steps"] = timed(lambda m=model: eager_steps(m), args.repeats)
        run["equal"] = bool((ours[0] == course).all() and (loop == course).all())
        record["runs"].append(run)
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v
                          for k, v in run.items()}), flush=True)  # fmt: skip
    runs = record["runs"]

    def span(key):
        values = [r[key] for r in runs]
        return f"{min(values):.4g}-{max(values):.4g}"

    ratio = [r["course_first"] / r["ours_first"] for r in runs]
    again = [r["course_again"] / r["ours_again"] for r in runs]
    per_value = [r["predict_per_value"] / r["ours_again"] for r in runs]
    print(
        f"held-out loss per value {span('held_out_loss')} (uniform "
        f"{runs[0]['uniform']:.3f}, frequency floor {span('frequency_floor')})"
    )
    print(
        f"first generation: course {span('course_first')} s, ours "
        f"{span('ours_first')} s: {min(ratio):.0f}-{max(ratio):.0f}x"
    )
    print(
        f"later generations: course {span('course_again')} s, ours "
        f"{span('ours_again')} s: {min(again):.1f}-{max(again):.1f}x; a predict "
        f"per value {span('predict_per_value')} s ({min(per_value):.0f}-"
        f"{max(per_value):.0f}x ours); the same steps eager {span('eager_steps')} s"
    )
    print("greedy values equal in every run:", all(r["equal"] for r in runs))
    write_record(args.out, record)


if __name__ == "__main__":
    main()
