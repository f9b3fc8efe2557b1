"""DLS course 5 week 1, "Improvise a jazz solo with an LSTM network"."""

import collections
import math

import keras
import numpy as np

from keras_course._backend import check_backend
from keras_course._validation import check_int, check_strings
from keras_course.api_export import keras_course_export
from keras_course.applications._fit import FitMixin
from keras_course.applications._optimizers import course_optimizer
from keras_course.applications._presets import PresetMixin
from keras_course.applications._sampling import (
    gumbel_noise,
    recurrent_sampler,
    sampling_temperature,
)
from keras_course.layers.pretrained_embedding import pretrained_embedding

ADAM = {"class_name": "Adam", "config": {"learning_rate": 1e-2}}
TY = 50  # the course generates 50 values
TICKS = 480  # MIDI ticks per quarter note


def _vlq(number):
    """`number` as a MIDI variable-length quantity."""
    out = [number & 0x7F]
    number >>= 7
    while number:
        out.insert(0, (number & 0x7F) | 0x80)
        number >>= 7
    return bytes(out)


def _parse(value):
    """`(pitch or None for a rest, duration)` of a `"<pitch>,<duration>"`."""
    pitch, _, duration = value.partition(",")
    try:
        return (None if pitch == "R" else int(pitch)), float(duration)
    except ValueError:
        raise ValueError(
            'A value must read "<pitch>,<duration>" (pitch in semitones or R, '
            f"duration in quarter notes). Received: {value!r}"
        ) from None


def _nearest(value, kept):
    """The kept value closest to `value`: a rest for a rest, else the nearest
    pitch, a factor of two in duration counting as four semitones."""
    pitch, duration = _parse(value)
    candidates = [v for v in kept if (_parse(v)[0] is None) == (pitch is None)]
    candidates = candidates or list(kept)

    def cost(other):
        other_pitch, other_duration = _parse(other)
        semitones = 0 if pitch is None or other_pitch is None else pitch - other_pitch
        return abs(semitones) + 4 * abs(math.log2(duration / other_duration))

    return min(candidates, key=cost)


@keras_course_export("keras_course.applications.JazzImproviser")
class JazzImproviser(PresetMixin, FitMixin, keras.Model):
    """DLS course 5 week 1: an LSTM that improvises a melody, value by value.

    The course's `djmodel`: the previous value one-hot (a zero vector before
    the first), `LSTM(64)`, `Dense(90, softmax)`: over the course's 90 values
    with 64 units, 45,530 trainable parameters, as the course's `LSTM_cell`
    and `densor`. The one-hot is a frozen `Embedding` (identity rows and a
    zero row for the start; 8,190 non-trainable weights at 90 values). The
    course unrolls `Tx = 30` steps of one shared cell by hand; here the
    `LSTM` layer runs the sequence, which is the same computation. Compiled
    with Adam(0.01) (the course's, without its Keras-2 `decay`) and sparse
    categorical cross-entropy (the course one-hot encodes `Y`: the same
    loss).

    `generate` writes melodies in one compiled loop (a `tf.function` on
    TensorFlow, `jax.jit` on JAX) that feeds each chosen value back in, the
    course's `music_inference_model` without building a 50-output model:
    greedy (`temperature=0`) is the course's argmax; the default samples.

    A value is `"<pitch>,<duration>"`: semitones above the tonic (`"R"` for
    a rest) and quarter notes, as `keras_course.datasets.load_folk_melodies`
    gives them (the course's values come from its grammar of chord tones and
    intervals, built from a jazz solo it cannot share). Build the model with
    `JazzImproviser.from_melodies(melodies)`, which picks the vocabulary and
    keeps the training windows for `fit()`.

    Args:
        values: the vocabulary, a list of distinct value strings (the
            course's `indices_values`).
        units: int, the LSTM's size. Defaults to 64 (the course's `n_a`).
        sequence_length: int, values per training window. Defaults to 30
            (the course's `Tx`).
        optimizer: None for Adam(0.01).

    Example:

    >>> values = [f"{p},{d}" for p in range(45) for d in (0.25, 0.5)]
    >>> model = JazzImproviser(values)
    >>> sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    45530
    """

    def __init__(self, values, units=64, sequence_length=30, optimizer=None,
                 **kwargs):  # fmt: skip
        check_backend(type(self).__name__)
        values = check_strings(values, "values")
        if not values or len(set(values)) != len(values):
            raise ValueError(
                f"`values` must be distinct and not empty. Received: {values[:10]}"
            )
        for value in values:
            _parse(value)
        units = check_int("units", units)
        sequence_length = check_int("sequence_length", sequence_length, minimum=2)
        size = len(values)
        # ids 0..size-1 are values, id `size` the start (a zero vector)
        one_hot = np.concatenate([np.eye(size), np.zeros((1, size))]).astype("float32")
        inputs = keras.Input((None,), dtype="int32", name="previous_values")
        x = pretrained_embedding(one_hot, name="one_hot")(inputs)
        x = keras.layers.LSTM(units, return_sequences=True, name="rnn")(x)
        outputs = keras.layers.Dense(size, activation="softmax", name="next")(x)
        kwargs.setdefault("name", "jazz_improviser")
        super().__init__(inputs, outputs, **kwargs)
        self.values, self.units = values, units
        self.sequence_length = sequence_length
        self.start_id = size
        self.training_data = None
        self._sample_function = None
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM)
        self.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")

    @classmethod
    def from_melodies(cls, melodies, num_values=90, sequence_length=30, stride=15,
                      **kwargs):  # fmt: skip
        """A model for `melodies` with its training windows.

        The vocabulary is the `num_values` most frequent values (the course
        has 90); any other value is replaced by the nearest kept one (a rest
        by a rest, else the nearest pitch, a factor of two in duration
        counting as four semitones). `training_data` is `(inputs, targets)`:
        every `sequence_length` values of a melody, starting every `stride`
        values, as targets, and as inputs the start id then the same values
        but the last (the course's `Y`, `X` shifted by one step).

        Args:
            melodies: list of lists of value strings.
            num_values: int, the vocabulary size. Defaults to 90.
            sequence_length: int. Defaults to 30.
            stride: int, values between window starts. Defaults to 15.
            **kwargs: for the constructor (`units`, `optimizer`).
        """
        melodies = cls._check_melodies(melodies)
        num_values = check_int("num_values", num_values, minimum=2)
        counts = collections.Counter(v for melody in melodies for v in melody)
        for value in counts:
            _parse(value)
        ranked = sorted(counts, key=lambda v: (-counts[v], v))
        model = cls(ranked[:num_values], sequence_length=sequence_length, **kwargs)
        model.training_data = model.windows(melodies, stride)
        return model

    def windows(self, melodies, stride=15):
        """`(inputs, targets)` int32 `(n, sequence_length)` from `melodies`.

        Every `sequence_length` values of a melody, starting every `stride`
        values, are a row of targets; its inputs are the start id then the
        same values but the last (the course's `X`, and `Y` shifted by one
        step). Values outside the vocabulary are replaced as in `encode`.
        Use it to score held-out melodies with `evaluate`.
        """
        stride = check_int("stride", stride)
        length = self.sequence_length
        rows = [
            melody[start : start + length]
            for melody in self.encode(melodies)
            for start in range(0, len(melody) - length + 1, stride)
        ]
        if not rows:
            raise ValueError(f"No melody holds `sequence_length`={length} values.")
        targets = np.array(rows, "int32")
        start = np.full((len(targets), 1), self.start_id, "int32")
        return np.concatenate([start, targets[:, :-1]], 1), targets

    @staticmethod
    def _check_melodies(melodies):
        if isinstance(melodies, str) or not isinstance(melodies, (list, tuple)):
            raise TypeError(
                "`melodies` must be a list of melodies, each a list of value "
                f"strings. Received: {type(melodies).__name__}"
            )
        melodies = [check_strings(m, "melodies[i]") for m in melodies]
        if not any(melodies):
            raise ValueError("`melodies` is empty.")
        return melodies

    def encode(self, melodies):
        """Each melody as a list of ids, values outside the vocabulary
        replaced by the nearest kept one."""
        melodies = self._check_melodies(melodies)
        index = {v: i for i, v in enumerate(self.values)}
        nearest = {}
        out = []
        for melody in melodies:
            ids = []
            for value in melody:
                if value not in index and value not in nearest:
                    nearest[value] = index[_nearest(value, self.values)]
                ids.append(index[value] if value in index else nearest[value])
            out.append(ids)
        return out

    def fit(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.fit`, on the melodies' windows when `x` is None."""
        if x is None:
            if self.training_data is None:
                raise ValueError(
                    "No training data: pass `x` and `y`, or build the model "
                    "with JazzImproviser.from_melodies(melodies)."
                )
            x, y = self.training_data
        return super().fit(x, y, *args, **kwargs)

    def generate_ids(self, num_melodies=1, length=TY, temperature=1.0, seed=None):
        """`(num_melodies, length)` int32 value ids, one compiled loop."""
        num_melodies = check_int("num_melodies", num_melodies)
        length = check_int("length", length)
        temperature, greedy = sampling_temperature(temperature)
        if self._sample_function is None:
            self._sample_function = recurrent_sampler(self, "JazzImproviser.generate")
        noise = gumbel_noise(seed, (num_melodies, length, len(self.values)))
        ids = self._sample_function(noise, temperature, greedy)
        return keras.ops.convert_to_numpy(ids)

    def generate(self, num_melodies=1, length=TY, temperature=1.0, seed=None):
        """Improvises melodies: a list of `num_melodies` lists of values.

        Args:
            num_melodies: int. Defaults to 1.
            length: int, values per melody. Defaults to 50 (the course's
                `Ty`).
            temperature: float >= 0. 1 (default) samples from the model; 0
                is the course's argmax every step (every melody the same).
            seed: int or None, for reproducible melodies.
        """
        ids = self.generate_ids(num_melodies, length, temperature, seed)
        return [[self.values[i] for i in row] for row in ids]

    @staticmethod
    def write_midi(values, path, tonic=62, tempo=120):
        """Writes one melody (a list of values) as a standard MIDI file.

        A single-track file (format 0, 480 ticks per quarter note, piano),
        written directly: no MIDI package needed.

        Args:
            values: list of `"<pitch>,<duration>"` strings.
            path: the `.mid` file to write.
            tonic: int, the MIDI note that pitch 0 plays as (a value's pitch
                is in semitones above it). Defaults to 62 (D4).
            tempo: int, quarter notes per minute. Defaults to 120.

        Returns:
            `path`.
        """
        values = check_strings(values, "values")
        if not values:
            raise ValueError("`values` is empty: give at least one value.")
        tonic = check_int("tonic", tonic, minimum=0)
        tempo = check_int("tempo", tempo)
        events, rest = bytearray(), 0
        # the tempo, in microseconds per quarter note
        events += b"\x00\xff\x51\x03" + (60_000_000 // tempo).to_bytes(3, "big")
        for value in values:
            pitch, duration = _parse(value)
            ticks = round(duration * TICKS)
            if pitch is None:
                rest += ticks
                continue
            midi = tonic + pitch
            if not 0 <= midi <= 127:
                raise ValueError(
                    f"Value {value!r} plays MIDI note {midi} with tonic {tonic}, "
                    "outside 0-127: choose another `tonic`."
                )
            events += _vlq(rest) + bytes([0x90, midi, 80])  # note on
            events += _vlq(ticks) + bytes([0x80, midi, 0])  # note off
            rest = 0
        events += _vlq(rest) + b"\xff\x2f\x00"  # end of track
        header = b"MThd" + (6).to_bytes(4, "big") + bytes([0, 0, 0, 1])
        header += TICKS.to_bytes(2, "big")
        track = b"MTrk" + len(events).to_bytes(4, "big") + bytes(events)
        with open(path, "wb") as f:
            f.write(header + track)
        return path

    def get_config(self):
        return {
            "name": self.name,
            "values": self.values,
            "units": self.units,
            "sequence_length": self.sequence_length,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
