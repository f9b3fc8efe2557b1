"""
TiP C3W4: Writing poetry
========================

Course 3 week 4 trains a next-word model on song lyrics and Shakespeare's
sonnets, then writes text one word at a time. The package ships the sonnets
(:func:`keras_course.datasets.load_poetry_corpus`), and
:class:`keras_course.applications.PoetryGenerator` builds the tokenizer, the
n-gram data and the course model in one call.

This page trains a small model on the first 400 lines for a few epochs, so
the verse is rough; ``benchmarks/poetry_quality.py`` trains the full course
model (see :doc:`/benchmarks`).
"""

import time

import keras

from keras_course.applications import PoetryGenerator
from keras_course.datasets import load_poetry_corpus
from keras_course.reference import course_generate_text
from keras_course.visualization import plot_history

lines = load_poetry_corpus().splitlines()[:400]
print("\n".join(lines[:4]))

# %%
# Tokenizer, every line prefix as an example, and the model
# ---------------------------------------------------------
keras.utils.set_random_seed(0)
# A small model for a short run, with the Irish-lyrics lab's Adam(0.01): the
# default, Adam(1e-3), is the better choice for the full 100-epoch course run
# (see the class documentation).
poet = PoetryGenerator.from_corpus(
    lines, embedding_dim=64, units=64, optimizer=keras.optimizers.Adam(0.01)
)
x, y = poet.training_data
print(f"{len(y)} n-grams, padded to {poet.sequence_length} ids (with the label)")
print("first example:", x[0], "->", poet.tokenizer.index_word[int(y[0])])
history = poet.fit(epochs=20, batch_size=64, verbose=0)
plot_history(history, metrics=["accuracy"])

# %%
# Greedy generation: the course's words, without a predict per word
# -----------------------------------------------------------------
seed = "shall i compare thee to a summer's day"
start = time.perf_counter()
course = course_generate_text(poet, poet.tokenizer, seed, 20, poet.sequence_length)
course_seconds = time.perf_counter() - start
poet.generate(seed, num_words=20)  # the first call compiles the loop
start = time.perf_counter()
ours = poet.generate(seed, num_words=20)
our_seconds = time.perf_counter() - start
assert ours == course
print(ours)
print(f"course loop {course_seconds:.2f} s, generate {our_seconds:.3f} s")

# %%
# Sampling with a temperature and top-k makes it less repetitive, and a
# whole batch of seed texts runs in the same compiled loop.
for text in poet.generate(
    ["from fairest creatures", "when i do count the clock", "my love is"],
    num_words=12,
    temperature=0.8,
    top_k=10,
    seed=0,
):
    print(text)
