"""Reading GloVe's text format fast (DLS course 5 week 2)."""

import numpy as np

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.datasets.load_glove")
def load_glove(path, vocabulary=None):
    """Reads a GloVe text file (`word v1 v2 ... vd` per line) into arrays.

    As the course's `read_glove_vecs`, words are indexed from 1 in sorted
    order (0 is left for padding), but the vectors come back as one matrix
    with a zero row 0, ready for `keras_course.layers.pretrained_embedding`
    and `keras_course.ops.WordVectors`. The numbers of all lines are parsed
    by numpy in one call, not line by line in Python.

    Args:
        path: the file (UTF-8).
        vocabulary: None for every word, or an iterable of the words to keep.

    Returns:
        `(word_to_index, index_to_word, matrix)`: dicts and a float32 matrix
        `(len(words) + 1, d)`.

    Raises:
        ValueError: naming the first line whose number of values differs
            from the first line's.

    Example:

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "glove.txt")
    >>> _ = open(path, "w").write("the 0.1 0.2\\ncat 0.3 -0.4\\n")
    >>> word_to_index, index_to_word, matrix = load_glove(path)
    >>> word_to_index, matrix.shape, matrix[1].tolist()
    ({'cat': 1, 'the': 2}, (3, 2), [0.30000001192092896, -0.4000000059604645])
    """
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().split("\n") if line.strip()]
    if not lines:
        raise ValueError(f"{path} holds no vectors.")
    numbers = list(range(1, len(lines) + 1))
    if vocabulary is not None:
        wanted = set(vocabulary)
        kept = [(n, line) for n, line in zip(numbers, lines, strict=True)
                if line.partition(" ")[0] in wanted]  # fmt: skip
        numbers, lines = [n for n, _ in kept], [line for _, line in kept]
    words, rests = [], []
    for line in lines:
        word, _, rest = line.strip().partition(" ")
        words.append(word)
        rests.append(rest)
    # Values per line from the spaces (C-level counting), then every number
    # of the file parsed by numpy in one call.
    counts = np.array([rest.count(" ") + 1 if rest else 0 for rest in rests])
    if len(counts) and (counts != counts[0]).any():
        bad = int(np.argmax(counts != counts[0]))
        raise ValueError(
            f"{path}, line {numbers[bad]}: {counts[bad]} values where the first "
            f"line has {counts[0]}; every vector must have the same dimension."
        )
    dim = int(counts[0]) if len(counts) else 0
    values = np.fromstring(" ".join(rests), dtype="float32", sep=" ")
    if values.size != dim * len(words):  # e.g. two spaces in a row
        values = np.array(" ".join(rests).split(), dtype="float32")
    values = values.reshape(-1, dim)
    order = np.argsort(np.array(words, dtype=object), kind="stable")
    matrix = np.zeros((len(words) + 1, dim), "float32")
    matrix[1:] = values[order]
    index_to_word = {i + 1: words[j] for i, j in enumerate(order)}
    word_to_index = {w: i for i, w in index_to_word.items()}
    return word_to_index, index_to_word, matrix
