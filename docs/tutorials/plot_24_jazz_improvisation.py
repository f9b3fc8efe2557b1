"""
DLS C5W1: Improvising melodies with an LSTM
===========================================

*Deep Learning Specialization*, course 5 week 1, "Improvise a jazz solo with
an LSTM network". The notebook turns a jazz solo into a sequence of 90
"values", trains ``djmodel`` (the previous value one-hot, ``LSTM(64)``,
``Dense(90, softmax)``; 45,530 parameters) to predict each next value, then
unrolls the cell 50 times in ``music_inference_model`` to improvise.

The solo cannot be shipped. :func:`keras_course.datasets.load_folk_melodies`
gives 400 fiddle tunes from *Ryan's Mammoth Collection* (1883, public
domain, from the ``music21`` package's corpus) as values
``"<semitones above the tonic>,<quarter notes>"``: the model below improvises
folk, not jazz. :class:`keras_course.applications.JazzImproviser` is the
course's model; ``generate`` is one compiled loop instead of a 50-output
model.
"""

import os
import tempfile

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import JazzImproviser
from keras_course.datasets import load_folk_melodies
from keras_course.visualization import plot_history

# %%
# The values
# ----------
melodies = load_folk_melodies()
print(len(melodies), "tunes; the first begins", melodies[0][:8])

# %%
# The course's model
# ------------------
# ``from_melodies`` keeps the 90 most frequent values (others are replaced by
# the nearest kept one) and cuts every tune into 30-value windows, the
# course's ``Tx``.
keras.utils.set_random_seed(0)
model = JazzImproviser.from_melodies(melodies)
trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"{trainable:,} trainable parameters; {len(model.training_data[0]):,} windows")

# %%
# Training: Adam(0.01) as the course, 20 epochs. The uniform guess over 90
# values has a loss of 4.50 per value, the values' frequencies alone 3.85.
history = model.fit(epochs=20, batch_size=64, verbose=0)
plot_history(history)
plt.show()

# %%
# Improvising
# -----------
# Greedy (``temperature=0``) is the course's argmax every step; the default
# samples, so three melodies differ.
solos = model.generate(3, length=50, seed=0)
print(solos[0][:12])

fig, ax = plt.subplots(figsize=(9, 3.5))
for row, solo in enumerate(solos):
    start = 0.0
    for value in solo:
        pitch, duration = value.split(",")
        if pitch != "R":
            ax.barh(int(pitch), float(duration), left=start, height=0.8,
                    color=f"C{row}", alpha=0.7, label=None)  # fmt: skip
        start += float(duration)
    ax.plot([], [], color=f"C{row}", lw=6, label=f"melody {row + 1}")
ax.set_xlabel("quarter notes")
ax.set_ylabel("semitones above the tonic")
ax.legend()
plt.show()

# %%
# A MIDI file to listen to (written directly; no MIDI package needed).
path = model.write_midi(solos[0], os.path.join(tempfile.mkdtemp(), "solo.mid"))
print(os.path.basename(path), os.path.getsize(path), "bytes")
