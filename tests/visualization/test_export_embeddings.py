import keras
import numpy as np
import pytest

from keras_course.preprocessing import Tokenizer
from keras_course.visualization import export_embeddings


def test_projector_files_skip_padding_and_escape_words(tmp_path):
    tokenizer = Tokenizer(filters="", split=" ")
    tokenizer.fit_on_texts(["cat dog cat", "tab\there back\\slash"])
    model = keras.Sequential([keras.Input((3,)), keras.layers.Embedding(8, 2)])
    weights = model.layers[0].get_weights()[0]
    vecs, meta = export_embeddings(model, tokenizer, tmp_path / "out")
    words = (tmp_path / "out" / "meta.tsv").read_text(encoding="utf-8").splitlines()
    rows = np.loadtxt(vecs, delimiter="\t")
    # Ids 1..4 have words; ids 5..7 have none and are skipped, id 0 is padding.
    assert words == ["cat", "dog", "tab\\there", "back\\\\slash"]
    np.testing.assert_array_equal(rows, weights[1:5])
    assert meta.endswith("meta.tsv")


def test_a_model_without_embedding_is_rejected(tmp_path):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="Embedding"):
        export_embeddings(model, Tokenizer(), tmp_path)
