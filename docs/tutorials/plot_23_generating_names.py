"""
DLS C5W1: Generating names character by character
=================================================

Course 5 week 1 writes a character-level language model in numpy: a
one-hot of the previous character, a tanh RNN with 50 hidden units, a
softmax over 27 characters (a-z and a newline that ends a name), trained
with the gradients clipped to [-5, 5], then sampled one character at a time
to invent dinosaur names. :class:`keras_course.applications.CharLanguageModel`
is that model in Keras (5,277 trainable parameters, as the course's
``Wax``, ``Waa``, ``b``, ``Wya``, ``by``), trained on whole batches, and
``sample`` writes a batch of names in one compiled loop.

The course's dinosaur list is not redistributable here; the package ships
5,163 first names from the US Census Bureau's 1990 lists (public domain),
:func:`keras_course.datasets.load_first_names`.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import CharLanguageModel
from keras_course.datasets import load_first_names
from keras_course.visualization import plot_history

names = load_first_names()
print(len(names), "names, e.g.", ", ".join(names[::1000]))

# %%
# The model and its training data
# -------------------------------
# ``from_names`` collects the characters (the newline first, as the course's
# ``ix_to_char``) and shifts each name by one character: the model reads
# ``[start, a, d, a]`` and predicts ``[a, d, a, \n]``.
keras.utils.set_random_seed(0)
model = CharLanguageModel.from_names(names)
inputs, targets = model.training_data
print(repr("".join(model.characters)))
print("inputs ", inputs[0], "\ntargets", targets[0])
model.summary()

# %%
# Training: the loss curve
# ------------------------
# The loss is the cross-entropy per character (the course prints the sum
# over a name). A uniform guess scores ln 27 = 3.30; knowing only how often
# each character occurs, 2.81. Below that, the model uses what came before.
history = model.fit(epochs=20, batch_size=32, verbose=2)
text = "".join(name + "\n" for name in names)
frequencies = np.unique(list(text), return_counts=True)[1] / len(text)
(ax,) = plot_history(history, metrics=["loss"])
ax.axhline(np.log(27), color="grey", linestyle=":", label="uniform guess")
ax.axhline(-np.sum(frequencies * np.log(frequencies)), color="grey",
           linestyle="--", label="character frequencies only")  # fmt: skip
ax.legend()
plt.show()

# %%
# Sampling
# --------
# ``temperature=1`` samples from the model's distribution, as the course
# does; lower values keep to likelier letters; 0 is greedy and gives the
# same name every time.
for temperature in (1.0, 0.5, 0.0):
    print(temperature, model.sample(8, temperature=temperature, seed=0))

# %%
# Most names are new: the model learned how names are spelled, not the list.
sampled = model.sample(1000, seed=1)
known = set(names)
print(f"new names: {np.mean([n not in known for n in sampled]):.3f}")
print(f"mean length {np.mean([len(n) for n in sampled]):.1f} "
      f"(the list: {np.mean([len(n) for n in names]):.1f})")  # fmt: skip

# %%
# ``benchmarks/char_language_model.py`` times ``sample`` against the
# course's way in Keras, one ``model.predict`` per character: 1211-1500x
# faster per character on 2 CPU cores, with the same greedy names (see
# :doc:`/benchmarks`).
