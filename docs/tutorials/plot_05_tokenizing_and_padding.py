"""
TiP C3W1: Tokenizing and padding
================================

Every course 3 notebook starts with ``tf.keras.preprocessing.text.Tokenizer``,
which Keras 3 removed. :class:`keras_course.preprocessing.Tokenizer` is the
same class (same ids, same JSON), checked against Keras 2 on a parity corpus,
and it can hand its vocabulary to a ``TextVectorization`` layer so that a
trained model takes raw strings.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.preprocessing import Tokenizer, tokenizer_from_json

# %%
# Course 3 week 1: words are numbered by count, the OOV token first
# ------------------------------------------------------------------
sentences = [
    "I love my dog",
    "I love my cat",
    "You love my dog!",
    "Do you think my dog is amazing?",
]
tokenizer = Tokenizer(num_words=100, oov_token="<OOV>")
tokenizer.fit_on_texts(sentences)
print(tokenizer.word_index)

# %%
# Unknown words become the OOV id (1); punctuation is filtered out, case is
# folded. Then ``pad_sequences`` makes a rectangle, padding in front by
# default.
test = ["i really love my dog", "my dog loves my manatee"]
sequences = tokenizer.texts_to_sequences(test)
print(sequences)
pre = keras.utils.pad_sequences(sequences, maxlen=6)
post = keras.utils.pad_sequences(sequences, maxlen=6, padding="post")
print(pre)
print(post)

# %%
# The same two rectangles as pictures: each row a sentence, each cell an id,
# 0 the padding.
fig, axes = plt.subplots(1, 2, figsize=(8, 2.4))
for ax, ids, title in ((axes[0], pre, '"pre" (default)'), (axes[1], post, '"post"')):
    ax.imshow(ids > 0, cmap="Blues", vmin=0, vmax=1.6)
    for (row, col), value in np.ndenumerate(ids):
        ax.text(col, row, value, ha="center", va="center")
    ax.set_title(f"padding={title}")
    ax.set_xticks([])
    ax.set_yticks([0, 1], ["sentence 1", "sentence 2"])
plt.tight_layout()
plt.show()

# %%
# ``num_words`` keeps only the most frequent words when encoding
# -------------------------------------------------------------------
# The index keeps every word; ids of ``num_words`` or more become the OOV id.
small = Tokenizer(num_words=4, oov_token="<OOV>")
small.fit_on_texts(sentences)
print(small.texts_to_sequences(["i love my dog"]))  # "my" (4) is cut off
print(small.sequences_to_texts([[2, 3, 4, 5]]))

# %%
# Saving a tokenizer: the JSON is Keras 2's format, readable by both.
again = tokenizer_from_json(tokenizer.to_json())
assert again.texts_to_sequences(test) == sequences

# %%
# From a tokenizer to a layer
# ---------------------------
# ``to_text_vectorization`` gives a ``TextVectorization`` layer with the same
# vocabulary and the same ids (it pads and cuts at the end). Put it in front
# of a model and the model reads strings, and saves as one ``.keras`` file.
layer = tokenizer.to_text_vectorization(output_sequence_length=6)
from_layer = np.asarray(layer(np.array(test)))
from_tokenizer = keras.utils.pad_sequences(
    sequences, maxlen=6, padding="post", truncating="post"
)
print(from_layer)
assert (from_layer == from_tokenizer).all()

# %%
# ``texts_to_matrix`` gives bag-of-words rows, as in Keras 2.
print(tokenizer.texts_to_matrix(test, mode="count")[:, :8])
