"""
DLS C5W4: Transformer building blocks and masks
===============================================

Course 5 week 4 builds a Transformer from its parts: a sinusoidal
positional encoding, a padding mask and a look-ahead mask, an encoder layer
(self-attention, then a feed-forward block, each followed by add &
LayerNorm), a decoder layer (masked self-attention, attention over the
encoder, feed-forward) and the stacks around them.
:mod:`keras_course.ops` has the encoding and the masks;
:class:`keras_course.layers.EncoderLayer`, ``DecoderLayer``, ``Encoder``,
``Decoder`` and ``Transformer`` are the course's layers on
``keras.layers.MultiHeadAttention``, with the course's sizes (each head is
``embedding_dim`` wide, LayerNorm epsilon 1e-6).

One mask convention holds everywhere: **1 = attend**, what
``MultiHeadAttention`` takes. ``Transformer`` builds all three masks from
the token ids (0 = padding), so they cannot be passed wrong.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.datasets import reversal_pairs
from keras_course.layers import Transformer
from keras_course.ops import (
    create_look_ahead_mask,
    create_padding_mask,
    positional_encoding,
)
from keras_course.visualization import plot_attention

# %%
# The positional encoding
# -----------------------
# Sine on even dimensions, cosine on odd ones, with wavelengths growing
# from 2π to 10000·2π: each position gets a distinct pattern, and nearby
# positions get similar ones.
encoding = keras.ops.convert_to_numpy(positional_encoding(50, 64))[0]
fig, ax = plt.subplots(figsize=(8, 3))
image = ax.pcolormesh(encoding.T, cmap="RdBu")
ax.set(xlabel="position", ylabel="dimension", title="positional_encoding(50, 64)")
fig.colorbar(image)
plt.show()

# %%
# The two masks
# -------------
ids = np.array([[7, 6, 0, 0, 0], [1, 2, 3, 0, 0]])
print("padding mask (batch, 1, seq_len):")
print(keras.ops.convert_to_numpy(create_padding_mask(ids)))
print("look-ahead mask (1, 4, 4):")
print(keras.ops.convert_to_numpy(create_look_ahead_mask(4))[0])

# %%
# A toy translation: reversing sequences
# --------------------------------------
# :func:`keras_course.datasets.reversal_pairs` makes sources of 2 to 8
# tokens, their reversal as the target (ending with token 2) and the
# decoder's teacher-forced input (starting with token 1).
(source, decoder_in), target = reversal_pairs(6000, max_length=8, seed=0)
(test_source, test_decoder_in), test_target = reversal_pairs(500, 8, seed=1)
print("source     ", source[0])
print("decoder in ", decoder_in[0])
print("target     ", target[0])

# %%
# The course's Transformer, two layers of width 32, in a functional model.
# Padding positions get sample weight 0, so the loss and the accuracy count
# real tokens only.
keras.utils.set_random_seed(0)
encoder_ids = keras.Input((8,), dtype="int32")
decoder_ids = keras.Input((9,), dtype="int32")
transformer = Transformer(
    num_layers=2, embedding_dim=32, num_heads=2, fully_connected_dim=64,
    input_vocab_size=12, target_vocab_size=12, max_positional_encoding_input=8,
    max_positional_encoding_target=9, dropout_rate=0.0,
)  # fmt: skip
model = keras.Model([encoder_ids, decoder_ids], transformer([encoder_ids, decoder_ids]))
model.compile(
    keras.optimizers.Adam(2e-3),
    "sparse_categorical_crossentropy",
    weighted_metrics=["accuracy"],
)
print(model.count_params(), "parameters")
history = model.fit([source, decoder_in], target, sample_weight=target > 0,
                    epochs=8, batch_size=64, verbose=2)  # fmt: skip

# %%
# Teacher-forced token accuracy on new sequences, then greedy decoding:
# the model reads its own previous outputs, one step per output token.
predicted = model.predict([test_source, test_decoder_in], verbose=0).argmax(-1)
real = test_target > 0
print(f"teacher-forced token accuracy: {(predicted == test_target)[real].mean():.3f}")

generated = np.zeros_like(test_decoder_in)
generated[:, 0] = 1
outputs = []
for step in range(9):
    next_token = model.predict([test_source, generated], verbose=0)[:, step].argmax(-1)
    outputs.append(next_token)
    if step < 8:
        generated[:, step + 1] = next_token
greedy = np.stack(outputs, axis=1)
print(f"greedy token accuracy: {(greedy == test_target)[real].mean():.3f}")
print(
    "sequences exactly reversed:",
    f"{np.all((greedy == test_target) | ~real, axis=1).mean():.3f}",
)

# %%
# Where the decoder looks
# -----------------------
# In the last layer's attention over the encoder, output step ``i`` should
# look at source position ``n - 1 - i``: an anti-diagonal. Padding gets no
# weight (the encoder's padding mask).
_, scores = transformer(
    [test_source[:1], test_decoder_in[:1]], return_attention_scores=True
)
weights = keras.ops.convert_to_numpy(scores["decoder_layer2_block2_decenc_att"])
plot_attention(
    weights[0].mean(0),
    [str(t) if t else "<pad>" for t in test_source[0]],
    [str(t) for t in test_target[0]],
)
plt.show()
