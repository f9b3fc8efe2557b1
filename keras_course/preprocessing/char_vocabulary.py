"""Character vocabularies for character-level translation (course 5 week 3)."""

import numpy as np

from keras_course._validation import check_int, check_strings
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.preprocessing.CharVocabulary")
class CharVocabulary:
    """Characters to ids and back, as the course's `string_to_int` does.

    Ids follow the course: the sorted characters first, then (with
    `special_tokens`) `"<unk>"` and `"<pad>"`. `encode` lower-cases, removes
    `remove` characters, cuts at `length`, maps unknown characters to
    `<unk>` and pads with `<pad>` at the end.

    Args:
        characters: the known characters (an iterable of 1-character strings,
            or a string; duplicates are dropped).
        special_tokens: bool: add `<unk>` and `<pad>` (the course's human
            vocabulary); False for a closed target alphabet (its machine
            vocabulary), where unknown characters are an error.
        lower: bool: lower-case the texts first.
        remove: str: characters deleted before encoding (the course: ",").

    >>> vocabulary = CharVocabulary("0123456789-", special_tokens=False)
    >>> vocabulary.tokens[:3], len(vocabulary)
    (['-', '0', '1'], 11)
    >>> human = CharVocabulary("abc ")
    >>> human.encode(["Ab, cz"], length=6).tolist()
    [[1, 2, 0, 3, 4, 5]]
    >>> human.decode([[1, 2, 0, 3, 4, 5]])
    ['ab c?']
    """

    UNKNOWN, PADDING = "<unk>", "<pad>"

    def __init__(self, characters, special_tokens=True, lower=True, remove=","):
        characters = sorted(set(characters))
        bad = [c for c in characters if not isinstance(c, str) or len(c) != 1]
        if bad or not characters:
            raise ValueError(
                "`characters` must be a non-empty collection of single "
                f"characters. Received: characters={characters!r:.80}"
            )
        self.characters = characters
        self.special_tokens = bool(special_tokens)
        self.lower = bool(lower)
        self.remove = remove
        self.tokens = characters + (
            [self.UNKNOWN, self.PADDING] if self.special_tokens else []
        )
        self.index = {token: i for i, token in enumerate(self.tokens)}
        self._table = str.maketrans("", "", remove)

    @classmethod
    def from_texts(cls, texts, **kwargs):
        """The vocabulary of the characters seen in `texts` (after lower-casing
        and removal)."""
        vocabulary = cls(" ", **kwargs)  # for the normalization only
        seen = set()
        for text in check_strings(texts):
            seen.update(vocabulary.normalize(text))
        return cls(sorted(seen), **kwargs)

    def __len__(self):
        return len(self.tokens)

    @property
    def unknown_id(self):
        return self.index.get(self.UNKNOWN)

    @property
    def padding_id(self):
        return self.index.get(self.PADDING)

    def normalize(self, text):
        text = text.lower() if self.lower else text
        return text.translate(self._table)

    def encode(self, texts, length):
        """`(len(texts), length)` int32 ids; longer texts are cut at `length`."""
        length = check_int("length", length)
        texts = check_strings(texts)
        padding = self.padding_id if self.special_tokens else None
        ids = np.full((len(texts), length), padding or 0, dtype="int32")
        for row, text in enumerate(texts):
            text = self.normalize(text)[:length]
            if self.special_tokens:
                unknown = self.unknown_id
                ids[row, : len(text)] = [self.index.get(c, unknown) for c in text]
                continue
            missing = sorted(set(text) - self.index.keys())
            if missing:
                raise ValueError(
                    f"Item {row} of `texts` has characters outside this "
                    f"vocabulary: {missing}. Received: {text!r}"
                )
            if len(text) < length:
                raise ValueError(
                    f"Item {row} of `texts` is shorter than {length} characters "
                    "and this vocabulary has no padding token. Received: "
                    f"{text!r}"
                )
            ids[row] = [self.index[c] for c in text]
        return ids

    def one_hot(self, texts, length):
        """`encode`, one-hot: `(len(texts), length, len(self))` float32."""
        return np.eye(len(self), dtype="float32")[self.encode(texts, length)]

    def decode(self, ids):
        """Strings from id rows; padding is dropped, unknown ids become "?"."""
        texts = []
        for row in np.asarray(ids, dtype="int64").reshape(len(ids), -1):
            characters = []
            for i in row.tolist():
                token = self.tokens[i] if 0 <= i < len(self.tokens) else None
                if token == self.PADDING:
                    continue
                characters.append(token if token and len(token) == 1 else "?")
            texts.append("".join(characters))
        return texts

    def get_config(self):
        return {
            "characters": "".join(self.characters),
            "special_tokens": self.special_tokens,
            "lower": self.lower,
            "remove": self.remove,
        }

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<CharVocabulary {len(self)} tokens: {''.join(self.characters)!r}>"
