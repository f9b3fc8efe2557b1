"""
TiP C3W3: Sequence encoders compared
====================================

Course 3 week 3 swaps the layer between the embedding and the classifier:
Flatten, GlobalAveragePooling1D, LSTM, bidirectional LSTM and GRU, and a
Conv1D. :class:`keras_course.applications.SentimentClassifier` builds each in
one line with the course's sizes; here they are compared on a **generated**
task where only word order carries the label: every text holds "not" and
one of "good" or "bad", and "not" flips the meaning only when it comes right
before that word. Averaging the embeddings (pooling) loses the order; the
recurrent and convolutional encoders keep it.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import SentimentClassifier
from keras_course.preprocessing import Tokenizer

FILLER = "the film plot acting was and really story ending cast".split()


def reviews(count, seed):
    """Every text has "not" and one of "good"/"bad"; "not" negates only when
    it comes right before that word. The bag of words carries no label."""
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for _ in range(count):
        word = str(rng.choice(["good", "bad"]))
        negated = bool(rng.integers(2))
        words = list(rng.choice(FILLER, rng.integers(5, 12)))
        at = int(rng.integers(len(words) + 1))
        words.insert(at, word)
        if negated:
            words.insert(at, "not")
        else:  # anywhere but right before the word
            where = int(rng.integers(len(words)))
            words.insert(where + (where >= at), "not")
        texts.append(" ".join(words))
        labels.append(int((word == "good") != negated))
    return texts, np.array(labels)


train_texts, train_labels = reviews(3000, seed=0)
test_texts, test_labels = reviews(600, seed=1)
print(train_texts[:4], train_labels[:4])
tokenizer = Tokenizer(num_words=50, oov_token="<OOV>")
tokenizer.fit_on_texts(train_texts)


# Padding in front (``pad_sequences``' default): a recurrent layer without
# masking reads the ids in order, and zeros after the words would wash out
# what it remembers of them.
def ids(texts):
    return keras.utils.pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=16)


# %%
# One line per encoder; the course's parameter counts (at vocabulary 10,000,
# length 120) are in the class documentation.
results = {}
for encoder in ["flatten", "pooling", "lstm", "bilstm", "gru", "conv1d"]:
    keras.utils.set_random_seed(0)
    model = SentimentClassifier(
        vocabulary_size=50, sequence_length=16, architecture=encoder, kernel_size=3
    )
    model.optimizer.learning_rate.assign(0.003)
    history = model.fit(
        ids(train_texts),
        train_labels,
        validation_data=(ids(test_texts), test_labels),
        epochs=15,
        batch_size=64,
        verbose=0,
    )
    results[encoder] = history.history["val_accuracy"]
    print(
        f"{encoder:>8}: {model.count_params():>6} parameters, "
        f"validation accuracy {results[encoder][-1]:.3f}"
    )

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for encoder, curve in results.items():
    ax.plot(range(1, len(curve) + 1), curve, label=encoder)
ax.set_xlabel("epoch")
ax.set_ylabel("validation accuracy")
ax.legend()
plt.show()
