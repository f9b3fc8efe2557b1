"""
TiP C3W2: Word embeddings and the projector
===========================================

Course 3 week 2 trains an ``Embedding`` layer inside a sentiment classifier
and looks at the learned vectors in the TensorFlow Embedding Projector. With
keras-course the classifier is one line
(:class:`keras_course.applications.SentimentClassifier`) and the export is
:func:`keras_course.visualization.export_embeddings`.

The course trains on IMDB reviews and sarcasm headlines
(:func:`~keras_course.datasets.load_imdb_reviews`,
:func:`~keras_course.datasets.load_sarcasm`), downloads this build cannot
make. This page uses a **generated** set of short reviews instead: filler
words plus a few words that carry the label. The measured results on real
corpora are in :doc:`/benchmarks`.
"""

import tempfile

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import SentimentClassifier
from keras_course.preprocessing import Tokenizer
from keras_course.visualization import export_embeddings, plot_history

POSITIVE = ["great", "wonderful", "moving", "brilliant", "funny", "superb"]
NEGATIVE = ["boring", "awful", "dull", "terrible", "weak", "predictable"]
FILLER = "the film plot acting was and really story ending cast a it".split()


def reviews(count, seed):
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for _ in range(count):
        label = int(rng.integers(2))
        words = list(rng.choice(FILLER, rng.integers(6, 14)))
        for _ in range(rng.integers(1, 3)):
            mood = POSITIVE if label else NEGATIVE
            words.insert(int(rng.integers(len(words))), str(rng.choice(mood)))
        texts.append(" ".join(words))
        labels.append(label)
    return texts, np.array(labels)


train_texts, train_labels = reviews(2000, seed=0)
test_texts, test_labels = reviews(500, seed=1)
print(train_texts[:3], train_labels[:3])

# %%
# The course pipeline: tokenizer, sequences, padding to 20 ids
# ------------------------------------------------------------
tokenizer = Tokenizer(num_words=100, oov_token="<OOV>")
tokenizer.fit_on_texts(train_texts)


def ids(texts):
    return keras.utils.pad_sequences(
        tokenizer.texts_to_sequences(texts), maxlen=20, padding="post"
    )


# %%
# The sarcasm model: Embedding(16) → GlobalAveragePooling1D → Dense(24).
keras.utils.set_random_seed(0)
model = SentimentClassifier(
    vocabulary_size=100, sequence_length=20, architecture="pooling"
)
history = model.fit(
    ids(train_texts),
    train_labels,
    validation_data=(ids(test_texts), test_labels),
    epochs=15,
    verbose=0,
)
plot_history(history, metrics=["accuracy"])
print(f"validation accuracy {history.history['val_accuracy'][-1]:.3f}")

# %%
# Export for projector.tensorflow.org: load ``vecs.tsv`` and ``meta.tsv``
# there. Index 0 (padding) is skipped, as in the course.
directory = tempfile.mkdtemp()
vecs, meta = export_embeddings(model, tokenizer, directory)
print(open(meta).read().split()[:10])

# %%
# What the projector would show: the two moods pull apart along the first
# principal direction, the filler words stay in the middle.
vectors = np.loadtxt(vecs, delimiter="\t")
words = open(meta).read().split("\n")[:-1]
centred = vectors - vectors.mean(axis=0)
projected = centred @ np.linalg.svd(centred, full_matrices=False)[2][:2].T
fig, ax = plt.subplots(figsize=(6, 5))
for (x, y), word in zip(projected, words, strict=True):
    color = (
        "tab:green" if word in POSITIVE else ("tab:red" if word in NEGATIVE else "grey")
    )
    ax.scatter(x, y, color=color, s=10)
    ax.annotate(word, (x, y), fontsize=8, color=color)
ax.set_title("Learned 16-d word vectors, first two principal components")
plt.show()

# %%
# Subwords (the week's second lab)
# --------------------------------
# The lab loads ``imdb_reviews/subwords8k`` with TFDS's deprecated
# ``SubwordTextEncoder``. :func:`keras_course.preprocessing.learn_subwords`
# learns such a vocabulary from your own texts with keras-hub (a SentencePiece
# model). Here it learns 1,000 pieces from the sonnets that ship with the
# package, then encodes and decodes the lab's sample string as the lab does.
from keras_course.datasets import load_poetry_corpus  # noqa: E402
from keras_course.preprocessing import learn_subwords  # noqa: E402

subwords = learn_subwords(load_poetry_corpus().split("\n"), vocabulary_size=1000)
sample = "TensorFlow, from basics to mastery"
ids = subwords.tokenize(sample)
print("ids:", ids)
print("back:", subwords.detokenize(ids))
for piece_id in ids:
    print(f"{piece_id} ----> {subwords.id_to_token(int(piece_id))!r}")

# %%
# The same classifier on subword ids of the reviews above: ``learn_subwords``
# on the training texts, ``sequence_length`` for padded batches.
review_pieces = learn_subwords(train_texts, vocabulary_size=50, sequence_length=24)


def piece_ids(texts):
    return np.asarray(review_pieces.tokenize(texts))


keras.utils.set_random_seed(0)
subword_model = SentimentClassifier(
    vocabulary_size=50, sequence_length=24, architecture="pooling"
)
subword_history = subword_model.fit(
    piece_ids(train_texts),
    train_labels,
    validation_data=(piece_ids(test_texts), test_labels),
    epochs=15,
    verbose=0,
)
plot_history(subword_history, metrics=["accuracy"])
plt.show()
print(f"validation accuracy {subword_history.history['val_accuracy'][-1]:.3f}")

# %%
# On real text (Pang & Lee's movie reviews and sentences, CrowdFlower tweets:
# ``benchmarks/subword_sentiment.py``), the lab's model reads subwords about as
# well as words: the benchmarks page has the numbers over 5 seeds.
