"""Small sequence tasks generated offline, for the Transformer tutorial."""

import numpy as np

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export

PAD, START, END = 0, 1, 2


@keras_course_export("keras_course.datasets.reversal_pairs")
def reversal_pairs(num_examples=5000, max_length=8, vocab_size=12, min_length=2,
                   seed=None):  # fmt: skip
    """A toy translation: reverse a sequence of tokens, of varying length.

    Tokens are `3..vocab_size - 1`; 0 is padding, 1 starts the decoder's
    input and 2 ends the target. For a source `[5, 7, 4]` (padded to
    `max_length`) the target is `[4, 7, 5, 2]` and the decoder reads
    `[1, 4, 7, 5]` (teacher forcing), both padded to `max_length + 1`.

    Args:
        num_examples: int.
        max_length: int, the longest source. Defaults to 8.
        vocab_size: int, including the three special ids. Defaults to 12.
        min_length: int, the shortest source. Defaults to 2.
        seed: int or None.

    Returns:
        `((encoder_ids, decoder_ids), targets)`, int32 arrays
        `(n, max_length)`, `(n, max_length + 1)`, `(n, max_length + 1)`.

    Example:

    >>> (source, decoder_in), target = reversal_pairs(1, 4, seed=0)
    >>> n = int((source[0] > 0).sum())
    >>> bool((target[0, :n] == source[0, :n][::-1]).all()), int(target[0, n])
    (True, 2)
    """
    num_examples = check_int("num_examples", num_examples)
    max_length = check_int("max_length", max_length)
    vocab_size = check_int("vocab_size", vocab_size, minimum=4)
    min_length = check_int("min_length", min_length)
    if min_length > max_length:
        raise ValueError(
            "`min_length` must be <= `max_length`. Received: "
            f"min_length={min_length}, max_length={max_length}"
        )
    rng = np.random.default_rng(seed)
    lengths = rng.integers(min_length, max_length + 1, num_examples)
    tokens = rng.integers(3, vocab_size, (num_examples, max_length))
    positions = np.arange(max_length)
    source = np.where(positions < lengths[:, None], tokens, PAD).astype("int32")
    target = np.zeros((num_examples, max_length + 1), "int32")
    for row, n in enumerate(lengths):
        target[row, :n] = source[row, :n][::-1]
        target[row, n] = END
    decoder_in = np.concatenate(
        [np.full((num_examples, 1), START, "int32"), target[:, :-1]], axis=1
    )
    return (source, decoder_in), target
