"""Text and sequence preprocessing: Keras 2's Tokenizer, subwords, n-gram data."""

from keras_course.preprocessing.char_vocabulary import CharVocabulary
from keras_course.preprocessing.ngrams import ngram_sequences
from keras_course.preprocessing.subwords import learn_subwords
from keras_course.preprocessing.tokenizer import (
    Tokenizer,
    TokenizerSplit,
    TokenizerStandardize,
    text_to_word_sequence,
    tokenizer_from_json,
)

__all__ = [
    "CharVocabulary",
    "Tokenizer",
    "TokenizerSplit",
    "TokenizerStandardize",
    "learn_subwords",
    "ngram_sequences",
    "text_to_word_sequence",
    "tokenizer_from_json",
]
