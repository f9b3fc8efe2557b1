"""Subword tokenization learned from a corpus: TiP C3W2's SubwordTextEncoder today."""

from keras_course._validation import check_choice, check_int, check_strings
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.preprocessing.learn_subwords")
def learn_subwords(
    texts,
    vocabulary_size=8000,
    model_type="unigram",
    lowercase=False,
    sequence_length=None,
):
    """Learns a subword vocabulary from `texts` and returns its tokenizer.

    TensorFlow in Practice, course 3 week 2 loads `imdb_reviews/subwords8k`
    and its `tfds.deprecated.text.SubwordTextEncoder`, which is deprecated and
    cannot be learned from your own text in TFDS 4. This is the modern
    equivalent from keras-hub: a SentencePiece model (unigram by default, or
    byte-pair encoding) learned from `texts` by
    `keras_hub.tokenizers.compute_sentence_piece_proto`, returned as a
    `keras_hub.tokenizers.SentencePieceTokenizer`. Like the lab's encoder it
    gives the text back as it was (`detokenize(tokenize(s)) == s`, spaces
    and punctuation included, after Unicode NFKC normalisation) when every
    character of `s` occurs in `texts`, and a word it never saw still gets
    pieces rather than an out-of-vocabulary id. A character never seen
    becomes the unknown id (1), shown as "⁇" (the lab's byte-level encoder
    had no such case). SentencePiece
    rather than keras-hub's `WordPieceTokenizer`: WordPiece splits off
    punctuation and cannot give the text back as it was.

    Ids: 0 is padding (`<pad>`), 1 unknown, 2 and 3 the start and end
    markers; pieces start at 4. The lab's `tokenizer.encode(s)` is
    `tokenizer.tokenize(s)`, `decode(ids)` is `detokenize(ids)`, and
    `vocab_size` is `vocabulary_size()`. The tokenizer is a Keras layer: put
    it in a `tf.data` pipeline (TensorFlow), or save it with
    `save_to_preset`.

    Args:
        texts: list of strings to learn from (the training reviews, say).
        vocabulary_size: int, pieces in the vocabulary, special ids
            included. Defaults to 8000, the lab's `subwords8k` (8,185 there).
            One that does not fit the texts (more pieces than they hold,
            or fewer than their characters) raises a `ValueError`.
        model_type: `"unigram"` (SentencePiece's default) or `"bpe"`.
        lowercase: bool, fold case before learning and tokenizing.
        sequence_length: int or None: pad or cut every output to this
            length (a dense batch); None gives ragged ids.

    Returns:
        A `keras_hub.tokenizers.SentencePieceTokenizer`.

    Example:

    >>> texts = ["the movie was great", "the film was boring",
    ...          "a great film", "a boring movie"] * 20
    >>> tokenizer = learn_subwords(texts, vocabulary_size=24)
    >>> ids = tokenizer.tokenize("a great movie")
    >>> tokenizer.detokenize(ids)
    'a great movie'
    >>> int(min(ids)) >= 4  # 0-3 are padding, unknown, start and end
    True
    """
    texts = check_strings(texts)
    if not texts:
        raise ValueError("`texts` is empty: give the texts to learn pieces from.")
    vocabulary_size = check_int("vocabulary_size", vocabulary_size, minimum=5)
    model_type = check_choice("model_type", model_type, ("unigram", "bpe"))
    if sequence_length is not None:
        sequence_length = check_int("sequence_length", sequence_length)

    import keras_hub
    import sentencepiece
    import tensorflow as tf

    sentencepiece.set_min_log_level(2)  # the trainer's progress log, per call
    try:
        proto = keras_hub.tokenizers.compute_sentence_piece_proto(
            tf.data.Dataset.from_tensor_slices(texts),
            vocabulary_size,
            model_type=model_type,
            lowercase=bool(lowercase),
        )
    except RuntimeError as error:
        if "Vocabulary size too high" in str(error):
            advice = "the texts are too few for that many pieces: lower it"
        elif "smaller than required_chars" in str(error):
            advice = "the texts hold more distinct characters: raise it"
        else:
            raise
        raise ValueError(
            f"`vocabulary_size` does not fit the texts: {advice}. Received: "
            f"vocabulary_size={vocabulary_size} (SentencePiece: {error})"
        ) from None
    return keras_hub.tokenizers.SentencePieceTokenizer(
        proto=proto, sequence_length=sequence_length
    )
