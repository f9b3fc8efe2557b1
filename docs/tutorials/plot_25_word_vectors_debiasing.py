"""
DLS C5W2: Word vectors and debiasing
====================================

Course 5 week 2 loads 400,000 GloVe vectors into a dict, measures cosine
similarity, completes analogies ("man is to woman as king is to ?") with a
Python loop over every word, and removes a gender direction from words
that should not carry one (``neutralize``) or should carry it equally
(``equalize``, Bolukbasi et al. 2016).

:mod:`keras_course.ops` does the same on one matrix:
:class:`~keras_course.ops.WordVectors`, an analogy as one matrix product
(307-933x the course loop on GloVe's 400,000 x 50 shape, see
:doc:`/benchmarks`), and :func:`~keras_course.datasets.load_glove` reads
GloVe's text format into ``(word_to_index, index_to_word, matrix)``.

**Which vectors.** GloVe cannot be downloaded here, and no registry package
ships it. This page trains small vectors itself, from the Shakespeare
sonnets the package ships (a PPMI co-occurrence matrix reduced to 32
dimensions by SVD, a classic count-based method close in spirit to GloVe).
About 17,000 words of Elizabethan verse make weak vectors: the mechanics
below are the point, not the analogies. With GloVe, the same calls give the
course's answers; download ``glove.6B.50d.txt`` and pass its path to
``load_glove``.
"""

import os
import re
import tempfile
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np

from keras_course.datasets import load_glove, load_poetry_corpus
from keras_course.ops import (
    WordVectors,
    complete_analogy,
    cosine_similarity,
    equalize,
    neutralize,
)

# %%
# Small vectors from the sonnets
# ------------------------------
# Count how often words occur within 4 words of each other, weight the
# counts by positive pointwise mutual information, keep the top 32
# singular directions.
words = re.findall(r"[a-z']+", load_poetry_corpus().lower())
counts = Counter(words)
vocabulary = sorted(w for w, c in counts.items() if c >= 5)
index = {w: i for i, w in enumerate(vocabulary)}
cooccurrence = np.zeros((len(vocabulary), len(vocabulary)))
ids = [index.get(w, -1) for w in words]
for offset in range(1, 5):
    for a, b in zip(ids[:-offset], ids[offset:], strict=True):
        if a >= 0 and b >= 0:
            cooccurrence[a, b] += 1
            cooccurrence[b, a] += 1
total = cooccurrence.sum()
rows, cols = cooccurrence.sum(1, keepdims=True), cooccurrence.sum(0, keepdims=True)
with np.errstate(divide="ignore"):
    ppmi = np.maximum(np.log(cooccurrence * total / (rows * cols)), 0)
u, s, _ = np.linalg.svd(ppmi)
matrix = u[:, :32] * np.sqrt(s[:32])
print(f"{len(words)} words of text, {len(vocabulary)} in the vocabulary")

# %%
# Written in GloVe's text format and read back with ``load_glove``, the way
# a GloVe file is read: words indexed from 1, a zero padding row 0.
path = os.path.join(tempfile.mkdtemp(), "sonnet_vectors.txt")
with open(path, "w", encoding="utf-8") as f:
    for word, vector in zip(vocabulary, matrix, strict=True):
        f.write(word + " " + " ".join(f"{v:.6f}" for v in vector) + "\n")
word_to_index, index_to_word, glove_matrix = load_glove(path)
vectors = WordVectors(word_to_index, glove_matrix)
print(glove_matrix.shape, "love ->", word_to_index["love"])

# %%
# Cosine similarity
# -----------------
# Words used alike score higher.
for a, b in [("thee", "thou"), ("day", "night"), ("love", "beauty"),
             ("thee", "summer")]:  # fmt: skip
    print(f"{a:>5} ~ {b:<7} {float(cosine_similarity(vectors[a], vectors[b])):+.3f}")

# %%
# Analogies, over the whole vocabulary in one call
# ------------------------------------------------
for triple in [("thou", "thee", "he"), ("day", "night", "summer"),
               ("thy", "thee", "my")]:  # fmt: skip
    print(" : ".join(triple), "::", complete_analogy(*triple, vectors))

# %%
# 511 words of verse make poor analogies. On GloVe 6B 50d the course's
# notebook answers ``italy : italian :: spain`` with ``spanish``, ``india :
# delhi :: japan`` with ``tokyo`` and ``man : woman :: boy`` with ``girl``;
# ``complete_analogy`` returns the same words (its tests check it against
# the course's loop), in one matrix product.
#
# Neutralize and equalize
# -----------------------
# The course's bias axis is ``e_woman - e_man``; the sonnets know "he" and
# "she" better. ``neutralize`` removes a word's component along it (to
# float precision); ``equalize`` moves a pair so that both are equally far
# from every word without that component.
g = vectors["she"] - vectors["he"]
neutral = ["love", "beauty", "time", "truth", "eyes", "heart"]
before = [float(cosine_similarity(vectors[w], g)) for w in neutral]
after = [float(cosine_similarity(neutralize(w, g, vectors), g)) for w in neutral]
for word, b, a in zip(neutral, before, after, strict=True):
    print(f"{word:>7}: {b:+.3f} -> {a:+.1e}")

e_his, e_her = equalize(("his", "her"), g, vectors)
for word in ["love", "beauty"]:
    e = neutralize(word, g, vectors)
    print(f"{word}: distance to his {np.linalg.norm(e - e_his):.4f}, "
          f"to her {np.linalg.norm(e - e_her):.4f}")  # fmt: skip

fig, ax = plt.subplots(figsize=(7, 3))
ax.barh(neutral, before, label="before")
ax.barh(neutral, after, label="after neutralize", alpha=0.8)
ax.set(xlabel="cosine similarity with the she - he axis")
ax.legend()
plt.show()
