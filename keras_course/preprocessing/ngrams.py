"""The course's n-gram training data for next-word models (course 3 week 4)."""

import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.preprocessing.ngram_sequences")
def ngram_sequences(tokenizer, lines, max_sequence_len=None, one_hot=False):
    """Every prefix (of two tokens or more) of every line, pre-padded.

    The course's loop, in NumPy: for each line's token ids `t`, the prefixes
    `t[:2], t[:3], ..., t` become rows, padded with zeros in front to
    `max_sequence_len`; the last column is the label and the others the input.

    Args:
        tokenizer: a fitted `Tokenizer` (anything with `texts_to_sequences`).
        lines: list of strings.
        max_sequence_len: int or None: the padded length including the label
            (the course's `max_sequence_len`). None: the longest line. Longer
            prefixes keep their last tokens, as `pad_sequences` does.
        one_hot: bool: return labels one-hot over `tokenizer.vocabulary_size`
            ids (the course's `to_categorical`) instead of integer ids.

    Returns:
        `(x, y, max_sequence_len)`: `x` int32 of shape
        `(examples, max_sequence_len - 1)`; `y` int32 of shape `(examples,)`,
        or float32 `(examples, vocabulary_size)` with `one_hot=True`.

    Example:

    >>> from keras_course.preprocessing import Tokenizer
    >>> tokenizer = Tokenizer()
    >>> tokenizer.fit_on_texts(["in the town of athy", "the town"])
    >>> x, y, length = ngram_sequences(tokenizer, ["in the town of athy"])
    >>> length
    5
    >>> x.tolist(), y.tolist()
    ([[0, 0, 0, 3], [0, 0, 3, 1], [0, 3, 1, 2], [3, 1, 2, 4]], [1, 2, 4, 5])
    """
    sequences = [
        np.asarray(s, dtype="int32") for s in tokenizer.texts_to_sequences(lines)
    ]
    sequences = [s for s in sequences if len(s) >= 2]
    if not sequences:
        raise ValueError(
            "No line of `lines` has two or more known tokens, so there are no "
            f"n-grams to learn from. Received {len(lines)} line(s)."
        )
    if max_sequence_len is None:
        max_sequence_len = max(len(s) for s in sequences)
    max_sequence_len = check_int("max_sequence_len", max_sequence_len, minimum=2)
    rows = []
    for tokens in sequences:
        padded = np.concatenate([np.zeros(max_sequence_len - 1, dtype="int32"), tokens])
        windows = np.lib.stride_tricks.sliding_window_view(padded, max_sequence_len)
        rows.append(windows[1 : len(tokens)])  # the windows ending at t[1:]
    data = np.concatenate(rows)
    x, y = data[:, :-1].copy(), data[:, -1].copy()
    if one_hot:
        size = getattr(tokenizer, "vocabulary_size", None) or int(y.max()) + 1
        labels = np.zeros((len(y), size), dtype="float32")
        labels[np.arange(len(y)), y] = 1.0
        y = labels
    return x, y, max_sequence_len
