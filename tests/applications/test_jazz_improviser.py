"""DLS course 5 week 1: the jazz-solo LSTM, on the shipped folk melodies."""

import time

import keras
import numpy as np
import pytest

from keras_course import reference
from keras_course.applications import JazzImproviser
from keras_course.datasets import load_folk_melodies

MELODIES = [
    ["0,1", "2,0.5", "4,0.5", "5,1", "7,2", "R,1", "7,0.5", "5,0.5", "4,1"] * 4,
    ["7,0.5", "5,0.5", "4,1", "2,1", "0,2", "R,0.5", "0,1"] * 4 + ["9,0.75"],
]  # 13 distinct values, "9,0.75" the rarest


def test_the_course_model_at_90_values():
    values = [f"{p},{d}" for p in range(45) for d in (0.25, 0.5)]
    model = JazzImproviser(values)
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert trainable == 45530  # LSTM(64) on 90 values + Dense(90): the course's
    assert model.count_params() == 45530 + 91 * 90  # and the frozen one-hot
    assert model.get_layer("rnn").units == 64 and model.sequence_length == 30


def test_vocabulary_windows_and_nearest_values():
    model = JazzImproviser.from_melodies(
        MELODIES, num_values=12, sequence_length=6, stride=3
    )
    assert len(model.values) == 12 and "9,0.75" not in model.values
    assert model.values[:2] == ["0,1", "4,1"]  # the most frequent first
    (mapped,) = model.encode([["9,0.75", "R,3", "30,0.5"]])
    # Replaced by the nearest kept value: a rest by a rest, a note by the
    # nearest pitch (a factor of two in duration counting 4 semitones).
    assert [model.values[i] for i in mapped] == ["7,0.5", "R,1", "7,0.5"]
    inputs, targets = model.training_data
    assert inputs.shape == targets.shape and inputs.shape[1] == 6
    assert (inputs[:, 0] == model.start_id).all()
    np.testing.assert_array_equal(inputs[:, 1:], targets[:, :-1])
    # The same windows for any melodies (held-out ones, say) on request.
    again = model.windows(MELODIES, stride=3)
    np.testing.assert_array_equal(again[0], inputs)
    np.testing.assert_array_equal(again[1], targets)


def test_greedy_generation_equals_the_course_inference_model():
    keras.utils.set_random_seed(0)
    model = JazzImproviser.from_melodies(MELODIES, num_values=8, units=6)
    model.fit(epochs=2, verbose=0)
    cell = keras.layers.LSTM(6, return_state=True)
    cell.build((None, 1, 8))
    cell.set_weights(model.get_layer("rnn").get_weights())
    inference = reference.course_music_inference_model(
        cell, model.get_layer("next"), Ty=12
    )
    x0, a0 = np.zeros((1, 1, 8), "float32"), np.zeros((1, 6), "float32")
    _, indices = reference.course_predict_and_sample(inference, x0, a0, a0)
    ours = model.generate_ids(2, length=12, temperature=0)
    np.testing.assert_array_equal(ours[0], indices[:, 0])
    np.testing.assert_array_equal(ours[0], ours[1])  # greedy: all the same


def test_sampling_is_reproducible_and_reads_as_values():
    model = JazzImproviser.from_melodies(MELODIES, num_values=8, units=6)
    first = model.generate(3, length=20, seed=1)
    assert first == model.generate(3, length=20, seed=1)
    assert first != model.generate(3, length=20, seed=2)
    assert len(first) == 3 and all(len(m) == 20 for m in first)
    assert set(v for m in first for v in m) <= set(model.values)


def test_it_learns_the_folk_melodies():
    # Three epochs on the 400 shipped tunes: the loss per value falls well
    # below the uniform guess, log 90 = 4.50.
    keras.utils.set_random_seed(0)
    model = JazzImproviser.from_melodies(load_folk_melodies())
    history = model.fit(epochs=3, batch_size=64, verbose=0)
    assert history.history["loss"][-1] < 3.0 < np.log(90)


@pytest.mark.slow
def test_generation_is_30x_faster_than_a_predict_per_value():
    # One compiled loop against a `predict` per value fed back (measured
    # ~1,000x; against the course's unrolled inference model ~20x once both
    # are compiled: benchmarks/jazz_generation.py).
    model = JazzImproviser.from_melodies(load_folk_melodies()[:50])
    model.generate_ids(1, 50, temperature=0)  # compiles
    started = time.perf_counter()
    ours = model.generate_ids(1, 50, temperature=0)
    ours_time = time.perf_counter() - started
    ids, started = [model.start_id], time.perf_counter()
    for _ in range(50):
        step = model.predict(np.array([ids], "int32"), verbose=0)[0, -1]
        ids.append(int(np.argmax(step)))
    loop_time = time.perf_counter() - started
    np.testing.assert_array_equal(ours[0], ids[1:])
    assert loop_time / ours_time >= 30


def _midi_notes(data):
    """`[(note, ticks held), ...]` of a format-0 file written by write_midi."""
    assert data[:4] == b"MThd" and data[14:18] == b"MTrk"
    events, position, notes, pending = data[22:], 0, [], None
    while position < len(events):
        delta = 0
        while True:
            byte = events[position]
            position += 1
            delta = (delta << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        status = events[position]
        if status == 0xFF:  # a meta event: type, length, data
            position += 3 + events[position + 2]
        elif status == 0x90:
            pending = events[position + 1]
            position += 3
        else:  # note off
            notes.append((pending, delta))
            position += 3
    return notes


def test_write_midi(tmp_path):
    path = JazzImproviser.write_midi(
        ["0,1", "R,0.5", "7,0.5", "12,2"], tmp_path / "solo.mid", tonic=62
    )
    assert _midi_notes(path.read_bytes()) == [(62, 480), (69, 240), (74, 960)]


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: JazzImproviser(["0,1", "0,1"]), ValueError, "distinct"),
        (lambda: JazzImproviser(["do,re"]), ValueError, "pitch"),
        (lambda: JazzImproviser.from_melodies("0,1 2,1"), TypeError, "melodies"),
        (lambda: JazzImproviser.from_melodies([[]]), ValueError, "melodies"),
        (lambda: JazzImproviser.from_melodies(MELODIES, sequence_length=99),
         ValueError, "sequence_length"),
        (lambda: JazzImproviser(["0,1", "2,1"]).fit(), ValueError, "from_melodies"),
        (lambda: JazzImproviser(["0,1", "2,1"]).windows(MELODIES, stride=0),
         ValueError, "stride"),
        (lambda: JazzImproviser(["0,1", "2,1"]).generate(temperature=-1),
         ValueError, "temperature"),
        (lambda: JazzImproviser.write_midi(["90,1"], "x.mid", tonic=60),
         ValueError, "tonic"),
    ],
    ids=["duplicates", "value", "one-string", "empty", "too-short", "no-data", "stride",
         "temperature", "midi-range"],
)  # fmt: skip
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
