"""
DLS C5W3: Translating dates with attention
==========================================

Course 5 week 3 trains a character-level translator from dates as people
write them ("saturday may 9 2018", "9.05.18") to ISO ("2018-05-09"), with an
attention step that looks back over the input for each output character.
:class:`keras_course.applications.DateTranslator` is that model (52,960
parameters, as the course), :func:`keras_course.datasets.generate_dates`
makes the data with Babel, and ``translate`` handles a whole list of dates in
one forward pass instead of the notebook's ``predict`` per example.

This page trains for about half a minute, so a few translations can still be
wrong; ``benchmarks/date_translator.py`` trains to the exact-match target (see
:doc:`/benchmarks`).
"""

import time

import keras
import matplotlib.pyplot as plt

from keras_course.applications import DateTranslator
from keras_course.datasets import generate_dates
from keras_course.visualization import plot_attention

pairs = generate_dates(5, seed=0)
for human, iso in pairs:
    print(f"{human!r:>32} -> {iso}")

# %%
# The course model, trained on generated dates
# --------------------------------------------
keras.utils.set_random_seed(0)
model = DateTranslator()
print(model.count_params(), "parameters")
start = time.perf_counter()
# ``fit_generated()`` with no arguments trains 20 epochs of 20,000 dates (the
# docs' 0.9995-1.000 exact match, 2-4 minutes); 6 epochs of 10,000 keep this
# page quick.
history = model.fit_generated(10000, epochs=6, seed=1, verbose=0)
print(f"trained in {time.perf_counter() - start:.0f} s")

# %%
# Exact match counts a translation right only if all ten characters are.
held_out = generate_dates(1000, seed=2)
print(f"exact match on 1,000 new dates: {model.exact_match(held_out):.3f}")

# %%
# One call for many dates, including ways of writing them the course never
# generates (they are translated, not rejected; unknown characters are
# ``<unk>``):
texts = ["3 may 1979", "5 april 09", "21th of august 2016", "tue 10 jul 2007",
         "saturday may 9 2018", "march 3 2001", "2024-03-05", "5/3/2024"]  # fmt: skip
for text, iso in zip(texts, model.translate(texts), strict=True):
    print(f"{text!r:>24} -> {iso}")

# %%
# Where the model looks
# ---------------------
# Each output character attends mostly to the input characters that decide
# it: the day digits for ``DD``, the month name for ``MM``.
text = "tuesday april 8 2008"
translation = model.translate(text)
plot_attention(model.attention_map(text), model.input_tokens(text), list(translation))
plt.show()
