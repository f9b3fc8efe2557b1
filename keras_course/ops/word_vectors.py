"""Word-vector operations of DLS course 5 week 2, vectorised over a vocabulary."""

import collections

import numpy as np
from keras import ops

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.ops.WordVectors")
class WordVectors:
    """Word vectors as one matrix: `word_to_index` and a `(V, d)` matrix.

    The course keeps a `word_to_vec_map` dict of 400,000 arrays and loops
    over it; here the vectors are rows of one matrix, so that an analogy is a
    matrix product. Row `word_to_index[w]` holds `w`'s vector; a row 0 that
    no word maps to (the padding row of `load_glove`) is allowed.

    Args:
        word_to_index: dict word → row.
        matrix: `(rows, d)` array.

    Example:

    >>> vectors = WordVectors.from_dict({"a": [1.0, 0.0], "b": [0.0, 2.0]})
    >>> vectors["b"].tolist(), "c" in vectors
    ([0.0, 2.0], False)
    """

    def __init__(self, word_to_index, matrix):
        self.matrix = np.asarray(matrix, "float32")
        if self.matrix.ndim != 2:
            raise ValueError(
                f"`matrix` must be (rows, d). Received: shape {self.matrix.shape}"
            )
        self.word_to_index = dict(word_to_index)
        bad = [
            w for w, i in self.word_to_index.items() if not 0 <= i < len(self.matrix)
        ]
        if bad:
            raise ValueError(
                f"Rows of {bad[:3]} are outside the matrix's {len(self.matrix)} rows."
            )
        self._words = np.empty(len(self.matrix), dtype=object)
        for word, index in self.word_to_index.items():
            self._words[index] = word
        self._cache = None

    def _prepared(self):
        """`(matrix tensor, squared norms, rows without a word)`, computed
        once: every analogy reuses them."""
        if self._cache is None:
            matrix = ops.convert_to_tensor(self.matrix)
            squares = ops.sum(matrix * matrix, axis=1)
            empty = np.array([w is None for w in self._words])
            self._cache = (matrix, squares, np.flatnonzero(empty))
        return self._cache

    @classmethod
    def from_dict(cls, word_to_vec_map):
        """From the course's `word_to_vec_map` (rows in the dict's order)."""
        words = list(word_to_vec_map)
        matrix = np.stack([np.asarray(word_to_vec_map[w], "float32") for w in words])
        return cls({w: i for i, w in enumerate(words)}, matrix)

    def index(self, word):
        """The row of `word`; a ValueError naming it if it has none."""
        try:
            return self.word_to_index[word]
        except KeyError:
            raise ValueError(
                f"{word!r} is not in the word vectors ({len(self.word_to_index):,} "
                "words)."
            ) from None

    def __getitem__(self, word):
        return self.matrix[self.index(word)]

    def __contains__(self, word):
        return word in self.word_to_index

    def __len__(self):
        return len(self.word_to_index)


# The dicts last converted: id -> (the dict, its items then, WordVectors).
# The dict itself is held, so its id cannot be reused by another object.
_FROM_DICT = collections.OrderedDict()
_FROM_DICT_SIZE = 4


def _from_dict(word_to_vec_map):
    """`WordVectors.from_dict(word_to_vec_map)`, converted once per dict.

    The course calls the word-vector functions in a loop with the same
    `word_to_vec_map`; converting 400,000 arrays on every call would cost
    more than the analogy. The conversion is kept for the last few dicts and
    reused while the dict holds the same words bound to the same array
    objects (checked on every call, a pass over its items without reading
    the vectors): adding, removing or rebinding a word converts it again. An
    array changed in place is not seen; pass a `WordVectors` then.
    """
    key = id(word_to_vec_map)
    cached = _FROM_DICT.get(key)
    if cached is not None:
        _, items, vectors = cached
        if len(items) == len(word_to_vec_map) and all(
            word == old_word and vector is old_vector
            for (word, vector), (old_word, old_vector) in zip(
                word_to_vec_map.items(), items, strict=True
            )
        ):
            _FROM_DICT.move_to_end(key)
            return vectors
    vectors = WordVectors.from_dict(word_to_vec_map)
    _FROM_DICT[key] = (word_to_vec_map, list(word_to_vec_map.items()), vectors)
    _FROM_DICT.move_to_end(key)
    while len(_FROM_DICT) > _FROM_DICT_SIZE:
        _FROM_DICT.popitem(last=False)
    return vectors


def as_word_vectors(vectors):
    """A `WordVectors` from one, or from a `word_to_vec_map` dict (converted
    once per dict: see `_from_dict`)."""
    if isinstance(vectors, WordVectors):
        return vectors
    if isinstance(vectors, dict):
        return _from_dict(vectors)
    raise ValueError(
        "`vectors` must be a WordVectors or a dict word -> vector. Received: "
        f"{type(vectors).__name__}"
    )


@keras_course_export("keras_course.ops.cosine_similarity")
def cosine_similarity(u, v):
    """`u·v / (||u|| ||v||)` over the last axis, broadcasting; 0 where a
    vector is zero (the course's `cosine_similarity`, for batches too).

    >>> float(cosine_similarity([1.0, 0.0], [1.0, 1.0]))
    0.707106...
    """
    u = ops.convert_to_tensor(u, "float32")
    v = ops.convert_to_tensor(v, "float32")
    dot = ops.sum(u * v, axis=-1)
    norms = ops.sqrt(ops.sum(u * u, axis=-1)) * ops.sqrt(ops.sum(v * v, axis=-1))
    return ops.where(norms > 0, dot / ops.maximum(norms, 1e-30), 0.0)


@keras_course_export("keras_course.ops.complete_analogy")
def complete_analogy(word_a, word_b, word_c, vectors):
    """The course's `complete_analogy`: a is to b as c is to ?

    The word `w` (other than the three) whose `e_w - e_c` has the highest
    cosine similarity with `e_b - e_a`, over the whole vocabulary in one
    matrix product: `||e_w - e_c||²` expands to `||e_w||² - 2 e_w·e_c +
    ||e_c||²`, so the matrix is read once (a `WordVectors` keeps the squared
    norms for the next call). The course's `word_to_vec_map` dict works as
    well: it is converted on the first call and the conversion reused while
    the dict is unchanged, so the course's loop over analogies is fast too.
    Words are lower-cased as the course does.

    Args:
        word_a, word_b, word_c: strings.
        vectors: a `WordVectors` or the course's `word_to_vec_map`.

    Returns:
        The best word (str).

    >>> vectors = WordVectors.from_dict({"man": [1.0, 0.0], "woman": [1.0, 1.0],
    ...     "king": [3.0, 0.0], "queen": [3.0, 1.0], "apple": [0.0, -1.0]})
    >>> complete_analogy("man", "woman", "king", vectors)
    'queen'
    """
    vectors = as_word_vectors(vectors)
    words = [w.lower() for w in (word_a, word_b, word_c)]
    rows = [vectors.index(w) for w in words]
    e_a, e_b, e_c = (vectors.matrix[r] for r in rows)
    matrix, squares, empty = vectors._prepared()
    target = e_b - e_a
    products = ops.matmul(matrix, ops.convert_to_tensor(np.stack([target, e_c], 1)))
    difference_norm = ops.sqrt(
        ops.maximum(squares - 2.0 * products[:, 1] + float(e_c @ e_c), 0.0)
    )
    dot = products[:, 0] - float(e_c @ target)
    denominator = difference_norm * float(np.linalg.norm(target))
    cosine = ops.where(denominator > 0, dot / ops.maximum(denominator, 1e-30), 0.0)
    cosine = ops.convert_to_numpy(cosine).astype("float64")
    cosine[rows] = -np.inf
    cosine[empty] = -np.inf
    return str(vectors._words[int(np.argmax(cosine))])


def _axis(bias_axis):
    g = np.asarray(bias_axis, "float32")
    if g.ndim != 1 or not np.any(g):
        raise ValueError("`bias_axis` must be a non-zero vector.")
    return g


@keras_course_export("keras_course.ops.neutralize")
def neutralize(word, bias_axis, vectors):
    """The course's `neutralize`: `word`'s vector without its component on
    `bias_axis` (`e - (e·g / ||g||²) g`).

    Returns:
        A float32 numpy vector, orthogonal to `bias_axis`.

    >>> neutralize("nurse", [1.0, 0.0], {"nurse": [0.5, 2.0]}).tolist()
    [0.0, 2.0]
    """
    g = _axis(bias_axis)
    e = as_word_vectors(vectors)[word]
    return (e - (e @ g) / (g @ g) * g).astype("float32")


@keras_course_export("keras_course.ops.equalize")
def equalize(pair, bias_axis, vectors):
    """The course's `equalize` (Bolukbasi et al.): the two words of `pair`
    made symmetric about the axis-free direction, as the course computes.

    With `mu` their mean, `mu_B` its projection on `g` and `mu_orth = mu -
    mu_B`, each word's projection `e_wB` is rescaled to
    `sqrt(|1 - ||mu_orth||²|) (e_wB - mu_B) / ||e_w - mu_orth - mu_B||`,
    and `mu_orth` added back. The two then differ only along `g`, so they
    are equidistant from every vector orthogonal to `g` (every neutralized
    word).

    Returns:
        `(e1, e2)`, float32 numpy vectors.

    >>> e1, e2 = equalize(("man", "woman"), [1.0, 0.0],
    ...                   {"man": [0.3, 0.5], "woman": [-0.5, 0.4]})
    >>> [round(float(v), 4) for v in (e1[1] - e2[1], e1[0] + e2[0])]
    [0.0, 0.0]
    """
    g = _axis(bias_axis)
    vectors = as_word_vectors(vectors)
    e_w1, e_w2 = (vectors[w].astype("float64") for w in pair)
    g = g.astype("float64")

    def along(e):
        return (e @ g) / (g @ g) * g

    mu = (e_w1 + e_w2) / 2
    mu_B = along(mu)
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - mu_orth @ mu_orth))
    corrected = [
        scale * (along(e) - mu_B) / np.linalg.norm(e - mu_orth - mu_B)
        for e in (e_w1, e_w2)
    ]
    return tuple((c + mu_orth).astype("float32") for c in corrected)
