"""learn_subwords: TiP C3W2's subword encoder, learned with keras-hub."""

import numpy as np
import pytest

from keras_course.preprocessing import learn_subwords

REVIEWS = [
    "This movie was wonderful, the acting superb!",
    "A boring film; the plot made no sense at all.",
    "I loved the soundtrack and the wonderful cast.",
    "Terrible pacing, boring dialogue, and a weak ending.",
    "The best film I have seen this year: superb.",
    "Not worth the ticket. The acting was weak.",
] * 30


@pytest.fixture(scope="module")
def tokenizer():
    return learn_subwords(REVIEWS, vocabulary_size=60)


def test_round_trip_is_exact_as_in_the_lab(tokenizer):
    # The lab: encode, decode, and get the string back, punctuation and all.
    for text in ("The acting, from the cast to the plot!", REVIEWS[1], "Terrible!!"):
        ids = tokenizer.tokenize(text)
        assert tokenizer.detokenize(ids) == text


def test_a_character_never_seen_is_unknown(tokenizer):
    # No "F" or "z" in the reviews: SentencePiece without byte fallback
    # gives them the unknown id, 1.
    assert 1 in tokenizer.tokenize("Fuzz")


def test_unseen_words_become_pieces_not_unknown(tokenizer):
    ids = tokenizer.tokenize("wonderfully boring")
    assert 1 not in ids  # 1 is <unk>
    pieces = [tokenizer.id_to_token(int(i)) for i in ids]
    assert len(pieces) > 2  # split into pieces it knows
    assert "".join(pieces).replace("▁", " ").strip() == "wonderfully boring"


def test_vocabulary_size_and_special_ids(tokenizer):
    assert tokenizer.vocabulary_size() == 60
    assert [tokenizer.id_to_token(i) for i in range(4)] == [
        "<pad>",
        "<unk>",
        "<s>",
        "</s>",
    ]
    batch = tokenizer.tokenize(REVIEWS[:3])
    assert min(min(ids) for ids in batch) >= 4


def test_sequence_length_pads_with_zeros():
    padded = learn_subwords(REVIEWS, vocabulary_size=60, sequence_length=40)
    ids = np.asarray(padded.tokenize(["A boring film.", REVIEWS[3]]))
    assert ids.shape == (2, 40)
    assert (ids[0, 8:] == 0).all() and (ids[1] > 0).sum() > (ids[0] > 0).sum()


def test_bpe_and_lowercase():
    bpe = learn_subwords(REVIEWS, vocabulary_size=60, model_type="bpe", lowercase=True)
    assert bpe.detokenize(bpe.tokenize("THE FILM")) == "the film"


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"texts": "one review"}, TypeError, "texts"),
        ({"texts": []}, ValueError, "texts"),
        ({"texts": [1, 2]}, TypeError, "texts"),
        (
            {"texts": REVIEWS, "vocabulary_size": 5000},
            ValueError,
            "vocabulary_size=5000",
        ),
        ({"texts": REVIEWS, "vocabulary_size": 6}, ValueError, "vocabulary_size=6"),
        ({"texts": REVIEWS, "model_type": "word"}, ValueError, "model_type"),
        ({"texts": REVIEWS, "vocabulary_size": -1}, ValueError, "vocabulary_size"),
    ],
    ids=["one-string", "empty", "numbers", "too-many", "too-few", "model", "negative"],
)
def test_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        learn_subwords(**kwargs)
