"""The course's character-level name generator (DLS course 5 week 1)."""

import keras
import numpy as np

from keras_course._backend import check_backend
from keras_course._validation import check_choice, check_int
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

END = "\n"
MAX_CHARACTERS = 50  # the course stops a name at 50 characters
ADAM_CLIPPED = {
    "class_name": "Adam",
    "config": {"learning_rate": 1e-2, "clipvalue": 5.0},
}
ARCHITECTURES = {"simple": "SimpleRNN", "gru": "GRU", "lstm": "LSTM"}


def _check_names(names):
    if isinstance(names, str):
        raise TypeError("`names` must be a list of strings, not one string.")
    names = [str(n).strip().lower() for n in names]
    names = [n for n in names if n]
    if not names:
        raise ValueError("`names` is empty: give at least one non-empty name.")
    bad = [n for n in names if END in n]
    if bad:
        raise ValueError(f"A name may not hold a newline. Received: {bad[0]!r}")
    return names


@keras_course_export("keras_course.applications.CharLanguageModel")
class CharLanguageModel(PresetMixin, FitMixin, keras.Model):
    """The course's character-level language model: names, one letter at a
    time, ending with a newline.

    The course's RNN, as a Keras model: the previous character one-hot (a
    zero vector before the first), `SimpleRNN(units)` (tanh), then
    `Dense(len(characters), softmax)`. Over the course's 27 characters (the
    newline end token and a-z) with 50 hidden units that is the course's
    `Wax`, `Waa`, `b`, `Wya`, `by`: 5,277 trainable parameters. The one-hot
    is a frozen `Embedding` (identity rows, a zero row for the start).

    Training differs from the course's one name per SGD step: whole batches
    of padded names, the cross-entropy averaged over real characters (the
    course sums over a name's characters), Adam(0.01) with the course's
    gradient clipping `clipvalue=5` in the optimizer.

    `sample` writes a whole batch of names in one compiled loop (a
    `tf.function` on TensorFlow, `jax.jit` on JAX) that carries the RNN
    state from character to character, stopping each name at the newline or
    after 50 characters as the course does; no `predict` per character.

    Build it with `CharLanguageModel.from_names(names)`, which collects the
    characters and keeps the padded training data for `fit()`.

    Args:
        characters: str or list: the vocabulary, the end token `"\\n"`
            first (the course's `ix_to_char`).
        units: int. Defaults to 50 (the course).
        architecture: the recurrent layer: `"simple"` (the course's
            SimpleRNN), `"gru"` or `"lstm"`.
        optimizer: None for Adam(0.01, clipvalue=5).

    Example:

    >>> model = CharLanguageModel.from_names(["ada", "bob", "cy"], units=4)
    >>> model.characters, model.training_data[0][0].tolist()
    (['\\n', 'a', 'b', 'c', 'd', 'o', 'y'], [7, 1, 4, 1])
    >>> len(model.sample(3, seed=0))
    3
    """

    def __init__(self, characters, units=50, architecture="simple", optimizer=None,
                 **kwargs):  # fmt: skip
        check_backend(type(self).__name__)
        characters = list(characters)
        if (
            not characters
            or characters[0] != END
            or len(set(characters)) != len(characters)
        ):
            raise ValueError(
                "`characters` must be distinct, with the end token '\\n' first. "
                f"Received: {characters[:10]}"
            )
        units = check_int("units", units)
        architecture = check_choice("architecture", architecture, tuple(ARCHITECTURES))
        size = len(characters)
        # ids 0..size-1 are characters, id `size` the start (a zero vector)
        one_hot = np.concatenate([np.eye(size), np.zeros((1, size))]).astype("float32")
        inputs = keras.Input((None,), dtype="int32", name="previous_characters")
        x = pretrained_embedding(one_hot, name="one_hot")(inputs)
        recurrent = getattr(keras.layers, ARCHITECTURES[architecture])(
            units, return_sequences=True, name="rnn"
        )
        x = recurrent(x)
        outputs = keras.layers.Dense(size, activation="softmax", name="next")(x)
        kwargs.setdefault("name", "char_language_model")
        super().__init__(inputs, outputs, **kwargs)
        self.characters, self.units = characters, units
        self.architecture = architecture
        self.start_id = size
        self.training_data = None
        self._sample_function = None
        optimizer, self.optimizer_config = course_optimizer(optimizer, ADAM_CLIPPED)
        self.compile(
            optimizer=optimizer,
            loss=keras.losses.SparseCategoricalCrossentropy(ignore_class=-1),
        )

    @classmethod
    def from_names(cls, names, units=50, architecture="simple", optimizer=None,
                   **kwargs):  # fmt: skip
        """A model for `names` (lower-cased), with its training data.

        `training_data` is `(inputs, targets)`: for "ada", inputs
        `[start, a, d, a]` and targets `[a, d, a, \\n]`, padded to the
        longest name (inputs with the start id, targets with -1, which the
        loss ignores).
        """
        names = _check_names(names)
        characters = [END, *sorted(set("".join(names)))]
        model = cls(characters, units, architecture, optimizer, **kwargs)
        model.training_data = model.encode(names)
        return model

    def encode(self, names):
        """`(inputs, targets)` int32 `(len(names), longest + 1)` for `names`."""
        names = _check_names(names)
        index = {c: i for i, c in enumerate(self.characters)}
        unknown = sorted({c for n in names for c in n} - set(index))
        if unknown:
            raise ValueError(
                f"Characters {unknown} are not in this model's vocabulary."
            )
        width = max(map(len, names)) + 1
        inputs = np.full((len(names), width), self.start_id, "int32")
        targets = np.full((len(names), width), -1, "int32")
        for row, name in enumerate(names):
            ids = [index[c] for c in name]
            inputs[row, 1 : len(ids) + 1] = ids
            targets[row, : len(ids) + 1] = [*ids, 0]
        return inputs, targets

    def fit(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.fit`, on the names' data when `x` is None."""
        if x is None:
            if self.training_data is None:
                raise ValueError(
                    "No training data: pass `x` and `y`, or build the model "
                    "with CharLanguageModel.from_names(names)."
                )
            x, y = self.training_data
        return super().fit(x, y, *args, **kwargs)

    # ------------------------------------------------------------- sampling
    def _compiled_sampler(self):
        if self._sample_function is None:
            self._sample_function = recurrent_sampler(self, "CharLanguageModel.sample")
        return self._sample_function

    def sample_ids(self, num_names=10, temperature=1.0, seed=None):
        """`(num_names, 50)` int32 ids; each row ends at its first 0 (the
        end token) or runs the course's 50 characters."""
        num_names = check_int("num_names", num_names)
        temperature, greedy = sampling_temperature(temperature)
        gumbel = gumbel_noise(seed, (num_names, MAX_CHARACTERS, len(self.characters)))
        ids = self._compiled_sampler()(gumbel, temperature, greedy)
        return keras.ops.convert_to_numpy(ids)

    def sample(self, num_names=10, temperature=1.0, seed=None):
        """Generates names: a list of `num_names` strings.

        Args:
            num_names: int. Defaults to 10.
            temperature: float >= 0. 1 (default) samples from the model's
                distribution as the course does; lower is more
                conservative; 0 is greedy (the argmax every step: every
                name is the same).
            seed: int or None, for reproducible names.
        """
        names = []
        for row in self.sample_ids(num_names, temperature, seed):
            ends = np.flatnonzero(row == 0)
            row = row[: ends[0]] if len(ends) else row
            names.append("".join(self.characters[i] for i in row))
        return names

    # ---------------------------------------------------------------- saving
    def get_config(self):
        return {
            "name": self.name,
            "characters": self.characters,
            "units": self.units,
            "architecture": self.architecture,
            "optimizer": self.optimizer_config,
        }

    @classmethod
    def from_config(cls, config):
        """Rebuilds the model from `get_config()` (its constructor arguments)."""
        return cls(**config)
