"""
DLS C5W2: Emojify
=================

Course 5 week 2 labels short sentences with one of five emoji. Emojifier-V1
averages the sentence's GloVe vectors and applies a softmax (written in
numpy); Emojifier-V2 runs two LSTM(128) layers over the frozen GloVe
embedding (20,223,927 parameters with the 400,001 x 50 matrix, 223,877
trainable). :class:`keras_course.applications.Emojifier` builds both, with
the course's ``sentences_to_indices`` as a layer inside the model
(:class:`keras_course.layers.SentencesToIndices`), so the model takes raw
sentences and one ``.keras`` file holds vocabulary, vectors and weights.

**Which data and vectors.** The course's ``train_emoji.csv`` and GloVe are
not available here. :func:`keras_course.datasets.load_emoji_sentences`
ships 60 sentences written for this package, twelve per emoji. The vectors
below are random (one fixed vector per word), so the models can only learn
which words go with which emoji, not that "adore" means "love": with GloVe,
unseen words near seen ones carry over, which is the course's point. Sixty
sentences measure nothing; the numbers printed are one run.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import Emojifier
from keras_course.datasets import load_emoji_sentences
from keras_course.layers import SentencesToIndices

sentences, labels = load_emoji_sentences()
rng = np.random.default_rng(0)
test = np.concatenate([rng.choice(np.flatnonzero(labels == c), 3, replace=False)
                       for c in range(5)])  # fmt: skip
train = np.setdiff1d(np.arange(len(labels)), test)
for i in test[::3]:
    print(f"{sentences[i]!r:>40} -> class {labels[i]}")

# %%
# A vocabulary and a matrix in ``load_glove``'s layout
# ----------------------------------------------------
# Words are indexed from 1 (0 is padding); the matrix has a zero row 0.
words = sorted({w for s in sentences for w in s.lower().split()})
word_to_index = {w: i + 1 for i, w in enumerate(words)}
matrix = np.concatenate([np.zeros((1, 50)), rng.normal(size=(len(words), 50))])
layer = SentencesToIndices(word_to_index, sequence_length=10)
print(keras.ops.convert_to_numpy(layer(np.array(["I love you", "let us eat"]))))

# %%
# The two course models
# ---------------------
x_train = [sentences[i] for i in train]
x_test = [sentences[i] for i in test]
fig, ax = plt.subplots(figsize=(6, 3.5))
for version in ("average", "lstm"):
    keras.utils.set_random_seed(0)
    model = Emojifier(word_to_index, matrix, architecture=version,
                      optimizer=keras.optimizers.Adam(0.01))  # fmt: skip
    history = model.fit(x_train, labels[train], epochs=60, batch_size=16,
                        verbose=0)  # fmt: skip
    _, accuracy = model.evaluate(x_test, labels[test], verbose=0)
    print(f"{version}: {model.count_params():,} parameters, training accuracy "
          f"{history.history['accuracy'][-1]:.2f}, held-out {accuracy:.2f} "
          f"on {len(test)} sentences (chance: 0.20)")  # fmt: skip
    ax.plot(history.history["accuracy"], label=f"{version}: training accuracy")
ax.axhline(0.2, color="gray", linestyle="--", label="chance")
ax.set_xlabel("epoch")
ax.legend()
plt.show()

# %%
# Both models fit their 45 sentences and stay near chance on new ones: with
# random vectors, a word the training sentences never used tells the model
# nothing. That is the course's case for GloVe: "adore" lies near "love",
# so a model trained on "love" labels "adore" too. Pass ``load_glove``'s
# ``(word_to_index, matrix)`` instead of the random ones above.

# %%
# Emoji for new sentences, from the last (LSTM) model. Word order matters
# to it, unlike the average: the course's "not feeling happy" example.
new = ["I love my family", "let us play ball", "I am so happy today",
       "I am not happy", "lunch was tasty"]  # fmt: skip
for sentence, emoji in zip(new, model.predict_emoji(new), strict=True):
    print(f"{sentence:>20} {emoji}")
