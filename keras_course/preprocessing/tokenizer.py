"""Keras 2's `Tokenizer`, which Keras 3 removed, with the same outputs.

Every *TensorFlow in Practice* NLP notebook uses
`tf.keras.preprocessing.text.Tokenizer`. This is a re-implementation with the
same numbering (1-based, by descending count, ties by first appearance, the
OOV token first), the same filters, cut-off and OOV handling, and a JSON format
that both libraries read. It is checked against Keras 2 (`tf_keras`, a
test-only dependency) on a parity corpus. On top of it:
`Tokenizer.to_text_vectorization()` turns a fitted tokenizer into a
`keras.layers.TextVectorization` with the same ids, so a model can take raw
strings and be saved as one `.keras` file.

What differs from Keras 2, on purpose:

- Bad input raises instead of producing garbage: a single string where a list
  of texts is expected (Keras 2 iterates its characters), items that are not
  strings or lists of strings (the `TypeError` names the item's index), using
  the tokenizer before any fit, `num_words < 1`.
- `texts_to_sequences` precomputes the word -> id map once per vocabulary, so
  it is faster; the ids are the same.
"""

import collections
import json
import numbers
import warnings

import numpy as np

from keras_course.api_export import keras_course_export

KERAS2_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
MATRIX_MODES = ("binary", "count", "tfidf", "freq")


@keras_course_export("keras_course.preprocessing.text_to_word_sequence")
def text_to_word_sequence(text, filters=KERAS2_FILTERS, lower=True, split=" "):
    """Splits `text` into words as Keras 2 does.

    Lower-cases (if `lower`), replaces every character of `filters` by
    `split`, splits on `split` and drops empty strings.

    >>> text_to_word_sequence("Hello, World! Don't panic.")
    ['hello', 'world', "don't", 'panic']
    """
    if lower:
        text = text.lower()
    if filters:
        text = text.translate(str.maketrans(dict.fromkeys(filters, split)))
    return [word for word in text.split(split) if word]


def _check_texts(texts, name="texts"):
    """`texts` as a list, each item a string or a list of strings."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"`{name}` must be a list of texts, not a single string. Wrap it: "
            f"[{texts[:30]!r}]. Received: {name} of type {type(texts).__name__}"
        )
    if not isinstance(texts, collections.abc.Iterable):
        raise TypeError(
            f"`{name}` must be an iterable of strings. Received: {name} of "
            f"type {type(texts).__name__}"
        )
    texts = list(texts)
    for index, text in enumerate(texts):
        if isinstance(text, str):
            continue
        if isinstance(text, list) and all(isinstance(t, str) for t in text):
            continue
        raise TypeError(
            f"Every item of `{name}` must be a string (or a list of string "
            f"tokens). Item {index} is of type {type(text).__name__}: {text!r:.60}"
        )
    return texts


@keras_course_export("keras_course.preprocessing.Tokenizer")
class Tokenizer:
    """Keras 2's text tokenizer, for Keras 3.

    Numbers the words of a corpus by descending count (ties: first seen
    first), starting at 1; index 0 is left for padding. With `oov_token`, that
    token gets index 1 and stands for every word that is unknown or cut off by
    `num_words`; without it such words are dropped.

    Args:
        num_words: int or None. Only words with an index below `num_words` are
            used by `texts_to_sequences` and `texts_to_matrix` (the index keeps
            every word).
        filters: str, characters replaced by `split` before splitting
            (Keras 2's default: punctuation except the apostrophe, tab and
            newline).
        lower: bool, lower-case the texts first.
        split: str, the word separator.
        char_level: bool, every character is a token (filters are not applied,
            as in Keras 2).
        oov_token: str or None, the token for out-of-vocabulary words.
        document_count: int, the number of texts seen (used when loading a
            saved tokenizer).

    Example:

    >>> tokenizer = Tokenizer(num_words=100, oov_token="<OOV>")
    >>> tokenizer.fit_on_texts(["I love my dog", "I love my cat!"])
    >>> tokenizer.word_index
    {'<OOV>': 1, 'i': 2, 'love': 3, 'my': 4, 'dog': 5, 'cat': 6}
    >>> tokenizer.texts_to_sequences(["my dog loves manatees"])
    [[4, 5, 1, 1]]
    """

    def __init__(
        self,
        num_words=None,
        filters=KERAS2_FILTERS,
        lower=True,
        split=" ",
        char_level=False,
        oov_token=None,
        document_count=0,
    ):
        if num_words is not None and (
            isinstance(num_words, bool)
            or not isinstance(num_words, numbers.Integral)
            or num_words < 1
        ):
            raise ValueError(
                "`num_words` must be None or a positive int. Received: "
                f"num_words={num_words!r}"
            )
        if not isinstance(filters, str):
            raise TypeError(
                f"`filters` must be a string of characters. Received: "
                f"filters={filters!r}"
            )
        if not isinstance(split, str) or not split:
            raise ValueError(
                f"`split` must be a non-empty string. Received: split={split!r}"
            )
        if oov_token is not None and not isinstance(oov_token, str):
            raise TypeError(
                f"`oov_token` must be None or a string. Received: "
                f"oov_token={oov_token!r}"
            )
        self.num_words = None if num_words is None else int(num_words)
        self.filters = filters
        self.lower = bool(lower)
        self.split = split
        self.char_level = bool(char_level)
        self.oov_token = oov_token
        self.document_count = int(document_count)
        self.word_counts = collections.OrderedDict()
        self.word_docs = collections.defaultdict(int)
        self.index_docs = collections.defaultdict(int)
        self.word_index = {}
        self.index_word = {}
        self._lookup_key = None
        self._lookup = None

    # ----------------------------------------------------------------- fitting
    def _tokenizer(self):
        """A function from one text to its list of tokens."""
        lower, split = self.lower, self.split
        if self.char_level:
            return lambda t: (
                ([w.lower() for w in t] if lower else t)
                if isinstance(t, list)
                else list(t.lower() if lower else t)
            )
        table = str.maketrans(dict.fromkeys(self.filters, split))

        def words(text):
            if isinstance(text, list):
                return [w.lower() for w in text] if lower else text
            if lower:
                text = text.lower()
            return [w for w in text.translate(table).split(split) if w]

        return words

    def fit_on_texts(self, texts):
        """Counts the words of `texts` (strings, or lists of tokens) and
        renumbers the vocabulary. Can be called again to add texts."""
        texts = _check_texts(texts)
        counts = collections.Counter()
        docs = collections.Counter()
        tokenize = self._tokenizer()
        for text in texts:
            tokens = tokenize(text)
            counts.update(tokens)
            docs.update(set(tokens))
        self.document_count += len(texts)
        # Counter keeps first-seen order, so adding it to the running counts
        # keeps Keras 2's tie-breaking by first appearance.
        for word, count in counts.items():
            self.word_counts[word] = self.word_counts.get(word, 0) + count
        for word, count in docs.items():
            self.word_docs[word] += count
        ranked = sorted(self.word_counts.items(), key=lambda wc: wc[1], reverse=True)
        vocabulary = [] if self.oov_token is None else [self.oov_token]
        vocabulary.extend(word for word, _ in ranked)
        # dict(zip(...)) as Keras 2 does: an oov_token that is also a corpus
        # word ends up at that word's index.
        self.word_index = dict(
            zip(vocabulary, range(1, len(vocabulary) + 1), strict=True)
        )
        self.index_word = {i: w for w, i in self.word_index.items()}
        for word, count in self.word_docs.items():
            self.index_docs[self.word_index[word]] = count

    def fit_on_sequences(self, sequences):
        """Counts documents per index of integer `sequences` (for `tfidf`)."""
        sequences = list(sequences)
        self.document_count += len(sequences)
        for sequence in sequences:
            for index in set(sequence):
                self.index_docs[index] += 1

    def _check_fitted(self):
        if not self.word_index and not self.document_count:
            raise ValueError(
                "This Tokenizer has no vocabulary yet: call "
                "`fit_on_texts(texts)` first (or load one with "
                "`tokenizer_from_json`)."
            )

    # --------------------------------------------------------------- encoding
    def _word_to_id(self):
        """{word: id used in sequences}, rebuilt when the vocabulary changes."""
        key = (id(self.word_index), len(self.word_index), self.num_words)
        if self._lookup_key != key:
            limit = self.num_words
            self._lookup = {
                w: i for w, i in self.word_index.items() if not limit or i < limit
            }
            self._lookup_key = key
        return self._lookup

    def _oov_index(self):
        if self.oov_token is None:
            return None
        return self.word_index.get(self.oov_token)

    def texts_to_sequences(self, texts):
        """Lists of word ids, one per text.

        Words with an index of `num_words` or more, and unknown words, become
        the OOV id when `oov_token` is set and are dropped otherwise.
        """
        texts = _check_texts(texts)
        self._check_fitted()
        lookup = self._word_to_id()
        oov = self._oov_index()
        tokens = map(self._tokenizer(), texts)
        if self.oov_token is None:
            return [[lookup[w] for w in seq if w in lookup] for seq in tokens]
        return [[lookup.get(w, oov) for w in seq] for seq in tokens]

    def texts_to_sequences_generator(self, texts):
        """`texts_to_sequences`, one text at a time."""
        for text in texts:
            yield self.texts_to_sequences([text])[0]

    def sequences_to_texts(self, sequences):
        """Words joined by spaces, one string per sequence of ids.

        Ids that are unknown are skipped; ids of `num_words` or more become the
        OOV token when there is one and are skipped otherwise (as in Keras 2).
        """
        self._check_fitted()
        oov = self._oov_index()
        limit = self.num_words
        texts = []
        for sequence in sequences:
            words = []
            for index in np.asarray(sequence, dtype="int64").reshape(-1).tolist():
                word = self.index_word.get(index)
                if word is None:
                    if self.oov_token is not None:
                        words.append(self.index_word[oov])
                    continue
                if limit and index >= limit:
                    if oov is not None:
                        words.append(self.index_word[oov])
                    continue
                words.append(word)
            texts.append(" ".join(words))
        return texts

    def texts_to_matrix(self, texts, mode="binary"):
        """A `(len(texts), num_words)` float64 matrix (see `sequences_to_matrix`)."""
        if mode not in MATRIX_MODES:
            raise ValueError(
                f"`mode` must be one of {list(MATRIX_MODES)}. Received: mode={mode!r}"
            )
        return self.sequences_to_matrix(self.texts_to_sequences(texts), mode=mode)

    def sequences_to_matrix(self, sequences, mode="binary"):
        """One row per sequence: word presence ("binary"), counts ("count"),
        counts / length ("freq") or `(1 + log count) * log(1 + docs / (1 +
        docs with the word))` ("tfidf"), in `num_words` columns (or the
        vocabulary size + 1 without `num_words`)."""
        if mode not in MATRIX_MODES:
            raise ValueError(
                f"`mode` must be one of {list(MATRIX_MODES)}. Received: mode={mode!r}"
            )
        width = self.num_words or (len(self.word_index) + 1 if self.word_index else 0)
        if not width:
            raise ValueError(
                "Specify a dimension (`num_words`), or fit on some text first."
            )
        if mode == "tfidf" and not self.document_count:
            raise ValueError("Fit the Tokenizer on some data before using tfidf mode.")
        sequences = list(sequences)
        matrix = np.zeros((len(sequences), width))
        for row, sequence in enumerate(sequences):
            if not len(sequence):
                continue
            counts = collections.Counter(j for j in sequence if j < width)
            for j, count in counts.items():
                if mode == "count":
                    matrix[row, j] = count
                elif mode == "freq":
                    matrix[row, j] = count / len(sequence)
                elif mode == "binary":
                    matrix[row, j] = 1
                else:
                    idf = np.log(
                        1 + self.document_count / (1 + self.index_docs.get(j, 0))
                    )
                    matrix[row, j] = (1 + np.log(count)) * idf
        return matrix

    # ------------------------------------------------------------------ export
    @property
    def vocabulary_size(self):
        """The number of ids sequences use, padding id 0 included: the input
        size for an `Embedding` layer."""
        size = len(self.word_index) + 1
        return min(size, self.num_words) if self.num_words else size

    def to_text_vectorization(self, output_sequence_length=None, **kwargs):
        """A `keras.layers.TextVectorization` that gives the same ids.

        The layer standardizes and splits as this tokenizer does (two small
        registered callables, so a model holding it saves as one `.keras`
        file and loads in safe mode) and holds the vocabulary up to
        `num_words`. Its output equals `texts_to_sequences` followed by
        `keras.utils.pad_sequences(..., padding="post", truncating="post")`
        (TextVectorization pads and truncates at the end only).

        Unavoidable differences:

        - The tokenizer needs an `oov_token`: TextVectorization always
          reserves id 1 for unknown words, so without one every id would be
          one higher. A `ValueError` says so.
        - On the TensorFlow backend, lower-casing uses TensorFlow's Unicode
          case mapping, which differs from Python's `str.lower` for a few
          characters (such as "İ"); ASCII and common accented letters match.

        Args:
            output_sequence_length: int or None: pad or cut every output to
                this length (None: the longest text in the batch).
            **kwargs: passed on to `TextVectorization` (for example `name`).
        """
        import keras

        self._check_fitted()
        if self.oov_token is None:
            raise ValueError(
                "to_text_vectorization() needs a Tokenizer with an `oov_token`: "
                "TextVectorization always uses id 1 for unknown words, while "
                "a Tokenizer without one numbers words from 1 and drops "
                "unknown words. Fit a Tokenizer(oov_token='<OOV>') instead."
            )
        if self.word_index.get(self.oov_token) != 1:
            raise ValueError(
                f"The oov_token {self.oov_token!r} also occurs as a word in the "
                "corpus, so Keras 2 numbering moved it from id 1; "
                "TextVectorization cannot reproduce that. Pick an oov_token "
                "that the filters do not split and the corpus does not contain."
            )
        vocabulary = [self.index_word[i] for i in range(2, self.vocabulary_size)]
        if "" in vocabulary:
            raise ValueError("The vocabulary holds an empty token.")
        if self.char_level:
            standardize = TokenizerStandardize(lower=self.lower, filters="", split="")
            split = "character"
        else:
            standardize = TokenizerStandardize(
                lower=self.lower, filters=self.filters, split=self.split
            )
            split = TokenizerSplit(self.split)
        return keras.layers.TextVectorization(
            standardize=standardize,
            split=split,
            vocabulary=vocabulary,
            output_mode="int",
            output_sequence_length=output_sequence_length,
            **kwargs,
        )

    def get_config(self):
        """Keras 2's tokenizer config: the counts and indices as JSON strings."""
        return {
            "num_words": self.num_words,
            "filters": self.filters,
            "lower": self.lower,
            "split": self.split,
            "char_level": self.char_level,
            "oov_token": self.oov_token,
            "document_count": self.document_count,
            "word_counts": json.dumps(self.word_counts),
            "word_docs": json.dumps(self.word_docs),
            "index_docs": json.dumps(self.index_docs),
            "index_word": json.dumps(self.index_word),
            "word_index": json.dumps(self.word_index),
        }

    @classmethod
    def from_config(cls, config):
        """The inverse of `get_config` (which is Keras 2's format too)."""
        config = dict(config)
        try:
            tables = {
                key: json.loads(config.pop(key))
                for key in (
                    "word_counts",
                    "word_docs",
                    "index_docs",
                    "index_word",
                    "word_index",
                )
            }
        except (TypeError, KeyError, ValueError) as e:
            raise ValueError(f"Not a Tokenizer config ({e!r}).") from e
        config.pop("analyzer", None)
        if "nb_words" in config:
            warnings.warn("`nb_words` is the old name of `num_words`.", stacklevel=2)
            config["num_words"] = config.pop("nb_words")
        tokenizer = cls(**config)
        tokenizer.word_counts = collections.OrderedDict(tables["word_counts"])
        tokenizer.word_docs = collections.defaultdict(int, tables["word_docs"])
        tokenizer.index_docs = collections.defaultdict(
            int, {int(k): v for k, v in tables["index_docs"].items()}
        )
        tokenizer.index_word = {int(k): v for k, v in tables["index_word"].items()}
        tokenizer.word_index = tables["word_index"]
        return tokenizer

    def to_json(self, **kwargs):
        """The JSON that Keras 2's and this `tokenizer_from_json` read.

        `kwargs` go to `json.dumps`."""
        return json.dumps(
            {"class_name": "Tokenizer", "config": self.get_config()}, **kwargs
        )

    def __repr__(self):
        return (
            f"<Tokenizer words={len(self.word_counts)} num_words={self.num_words} "
            f"oov_token={self.oov_token!r} documents={self.document_count}>"
        )


@keras_course_export("keras_course.preprocessing.tokenizer_from_json")
def tokenizer_from_json(json_string):
    """A `Tokenizer` from `Tokenizer.to_json()` output (ours or Keras 2's).

    >>> tokenizer = Tokenizer(oov_token="<OOV>")
    >>> tokenizer.fit_on_texts(["the cat sat", "the dog"])
    >>> again = tokenizer_from_json(tokenizer.to_json())
    >>> again.texts_to_sequences(["the bird sat"])
    [[2, 1, 4]]
    """
    try:
        config = json.loads(json_string)["config"]
    except (TypeError, KeyError, ValueError) as e:
        raise ValueError(
            f"`json_string` is not a Tokenizer's to_json() output ({e!r})."
        ) from e
    return Tokenizer.from_config(config)


def _character_class(characters):
    """An RE2 character class matching each of `characters`, escaped."""
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(set(characters))) + "]"


@keras_course_export("keras_course.preprocessing.TokenizerStandardize")
class TokenizerStandardize:
    """A `TextVectorization` `standardize` callable doing what `Tokenizer`
    does before splitting: lower-case, then replace every character of
    `filters` by `split`.

    Serializable (it is how `Tokenizer.to_text_vectorization` stays loadable
    in safe mode). Takes a `tf.Tensor` of strings on the TensorFlow backend and
    a NumPy string array on others, as `TextVectorization` passes them.

    >>> import numpy as np
    >>> TokenizerStandardize()(np.array(["Hello, World!"])).tolist()
    ['hello  world ']
    """

    def __init__(self, lower=True, filters=KERAS2_FILTERS, split=" "):
        self.lower = bool(lower)
        self.filters = filters
        self.split = split

    def __call__(self, inputs):
        if isinstance(inputs, np.ndarray):
            if self.lower:
                inputs = np.char.lower(inputs)
            if self.filters:
                table = str.maketrans(dict.fromkeys(self.filters, self.split))
                inputs = np.char.translate(inputs, table)
            return inputs
        import tensorflow as tf

        if self.lower:
            inputs = tf.strings.lower(inputs, encoding="utf-8")
        if self.filters:
            inputs = tf.strings.regex_replace(
                inputs,
                _character_class(self.filters),
                self.split.replace("\\", "\\\\"),
            )
        return inputs

    def get_config(self):
        return {"lower": self.lower, "filters": self.filters, "split": self.split}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


@keras_course_export("keras_course.preprocessing.TokenizerSplit")
class TokenizerSplit:
    """A `TextVectorization` `split` callable: split on `separator` exactly and
    drop empty strings, as `Tokenizer` does (TextVectorization's "whitespace"
    splits on any run of whitespace instead).

    >>> TokenizerSplit(" ")(["a  b", "c"]).to_list()
    [[b'a', b'b'], [b'c']]
    """

    def __init__(self, separator=" "):
        self.separator = separator

    def __call__(self, inputs):
        import tensorflow as tf

        tokens = tf.strings.split(inputs, sep=self.separator)
        return tf.ragged.boolean_mask(tokens, tf.strings.length(tokens) > 0)

    def get_config(self):
        return {"separator": self.separator}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
