import keras
import numpy as np
import pytest

from keras_course.datasets import load_glove
from keras_course.layers import pretrained_embedding
from keras_course.ops import (
    WordVectors,
    complete_analogy,
    cosine_similarity,
    equalize,
    neutralize,
)
from keras_course.reference import (
    course_complete_analogy,
    course_equalize,
    course_neutralize,
    course_read_glove_vecs,
)
from keras_course.testing import TestCase


def random_vectors(num_words=300, dim=10, seed=0):
    rng = np.random.default_rng(seed)
    return {f"w{i}": rng.normal(size=dim) for i in range(num_words)}


@pytest.mark.multi_backend
def test_analogy_equals_the_course_loop():
    word_to_vec_map = random_vectors()
    vectors = WordVectors.from_dict(word_to_vec_map)
    for triple in [("w1", "w2", "w3"), ("w10", "w7", "w250"), ("W5", "w6", "w7")]:
        assert complete_analogy(*triple, vectors) == course_complete_analogy(
            *triple, word_to_vec_map
        )
    assert complete_analogy("w1", "w2", "w3", word_to_vec_map) == complete_analogy(
        "w1", "w2", "w3", vectors
    )
    u, v = np.array([1.0, 2.0, 3.0]), np.array([-1.0, 0.5, 2.0])
    want = u @ v / np.linalg.norm(u) / np.linalg.norm(v)
    assert float(cosine_similarity(u, v)) == pytest.approx(want, rel=1e-6)
    batch = keras.ops.convert_to_numpy(cosine_similarity(np.stack([u, v, 0 * u]), v))
    np.testing.assert_allclose(batch, [want, 1.0, 0.0], rtol=1e-6)


def test_the_course_dict_is_converted_once_and_again_when_it_changes():
    from keras_course.ops.word_vectors import as_word_vectors

    word_to_vec_map = random_vectors(seed=1)
    converted = as_word_vectors(word_to_vec_map)
    assert as_word_vectors(word_to_vec_map) is converted
    assert as_word_vectors(dict(word_to_vec_map)) is not converted  # another dict
    # The course's loop over triads with its dict: answers follow each change.
    triple = ("w1", "w2", "w3")
    before = complete_analogy(*triple, word_to_vec_map)
    assert before == course_complete_analogy(*triple, word_to_vec_map)
    e_a, e_b, e_c = (word_to_vec_map[w] for w in triple)
    for change in ("rebind", "add"):
        if change == "rebind":  # make `before` a far worse answer
            word_to_vec_map[before] = -(e_b - e_a + e_c)
        else:  # a new word that is the perfect answer
            word_to_vec_map["new"] = e_c + 2 * (e_b - e_a)
        assert as_word_vectors(word_to_vec_map) is not converted
        converted = as_word_vectors(word_to_vec_map)
        answer = complete_analogy(*triple, word_to_vec_map)
        assert answer == course_complete_analogy(*triple, word_to_vec_map)
        assert answer != before
    assert answer == "new"
    del word_to_vec_map["new"]
    assert complete_analogy(*triple, word_to_vec_map) != "new"


@pytest.mark.multi_backend
def test_debiasing_equals_the_course_and_does_what_it_says():
    word_to_vec_map = random_vectors(50, 8, seed=1)
    g = word_to_vec_map["w0"] - word_to_vec_map["w1"]
    debiased = neutralize("w5", g, word_to_vec_map)
    np.testing.assert_allclose(debiased, course_neutralize("w5", g, word_to_vec_map),
                               rtol=1e-5, atol=1e-6)  # fmt: skip
    assert abs(float(debiased @ g)) < 1e-5
    e1, e2 = equalize(("w2", "w3"), g, word_to_vec_map)
    want1, want2 = course_equalize(("w2", "w3"), g, word_to_vec_map)
    np.testing.assert_allclose(e1, want1, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(e2, want2, rtol=1e-5, atol=1e-6)
    for word in ("w10", "w11", "w12"):  # equidistant from every neutral word
        neutral = neutralize(word, g, word_to_vec_map)
        assert np.linalg.norm(e1 - neutral) == pytest.approx(
            np.linalg.norm(e2 - neutral), rel=1e-5
        )


def write_glove(path, word_to_vec_map):
    with open(path, "w") as f:
        for word, vector in word_to_vec_map.items():
            f.write(word + " " + " ".join(f"{v:.6f}" for v in vector) + "\n")


def test_load_glove_equals_the_course_reader(tmp_path):
    word_to_vec_map = {w: np.round(v, 6) for w, v in random_vectors(40, 5).items()}
    word_to_vec_map["ünïcode"] = np.ones(5)
    path = tmp_path / "glove.6B.5d.txt"
    write_glove(path, word_to_vec_map)
    word_to_index, index_to_word, matrix = load_glove(path)
    course_w2i, course_i2w, course_map = course_read_glove_vecs(path)
    assert word_to_index == course_w2i and index_to_word == course_i2w
    assert matrix.shape == (42, 5) and not matrix[0].any()
    for word, index in word_to_index.items():
        np.testing.assert_allclose(matrix[index], course_map[word], rtol=1e-6)
    kept, _, small = load_glove(path, vocabulary=["w3", "w1", "nope"])
    assert kept == {"w1": 1, "w3": 2} and small.shape == (3, 5)
    vectors = WordVectors(word_to_index, matrix)
    np.testing.assert_allclose(vectors["w7"], course_map["w7"], rtol=1e-6)


@pytest.mark.multi_backend
def test_pretrained_embedding_holds_the_matrix():
    matrix = np.random.default_rng(0).normal(size=(6, 3)).astype("float32")
    layer = pretrained_embedding(matrix, mask_zero=True)
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(layer(np.array([[5, 0]])))[0, 0], matrix[5]
    )
    assert not layer.trainable and layer.mask_zero
    assert "weights" not in layer.get_config()
    assert pretrained_embedding(matrix, trainable=True).trainable


def test_bad_input(tmp_path):
    vectors = WordVectors.from_dict(random_vectors(5, 3))
    with pytest.raises(ValueError, match="'banana' is not in the word vectors"):
        complete_analogy("w1", "banana", "w2", vectors)
    with pytest.raises(ValueError, match="'kiwi' is not in"):
        neutralize("kiwi", np.ones(3), vectors)
    with pytest.raises(ValueError, match="non-zero vector"):
        equalize(("w1", "w2"), np.zeros(3), vectors)
    path = tmp_path / "bad.txt"
    path.write_text("a 0.1 0.2\nb 0.3 0.4\nc 0.5\n")
    with pytest.raises(ValueError, match="line 3: 1 values where the first line has 2"):
        load_glove(path)
    with pytest.raises(ValueError, match="matrix"):
        pretrained_embedding(np.zeros(4))


class TestPretrainedEmbeddingSaving(TestCase):
    @pytest.mark.slow
    def test_reloads_in_a_new_process(self):
        matrix = np.random.default_rng(0).normal(size=(6, 3)).astype("float32")
        inputs = keras.Input((4,), dtype="int32")
        outputs = keras.layers.GlobalAveragePooling1D()(
            pretrained_embedding(matrix)(inputs)
        )
        model = keras.Model(inputs, outputs)
        self.run_serialization_test(model, np.array([[1, 2, 3, 0], [5, 5, 4, 1]]))
