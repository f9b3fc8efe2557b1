import keras
import numpy as np
import pytest

from keras_course.applications import NeuralStyleTransfer
from keras_course.ops import (
    content_cost,
    gram_matrix,
    layer_style_cost,
    style_cost,
    total_cost,
)


def numpy_content_cost(a_C, a_G):
    _, h, w, c = a_G.shape
    return np.sum((a_C.reshape(h * w, c) - a_G.reshape(h * w, c)) ** 2) / (
        4 * h * w * c
    )


def numpy_layer_style_cost(a_S, a_G):
    _, h, w, c = a_G.shape
    gs = a_S.reshape(-1, c).T @ a_S.reshape(-1, c)
    gg = a_G.reshape(-1, c).T @ a_G.reshape(-1, c)
    return np.sum((gs - gg) ** 2) / (4 * c**2 * (h * w) ** 2)


@pytest.mark.multi_backend
def test_costs_equal_the_course_formulas():
    rng = np.random.default_rng(0)
    a_C, a_G = rng.normal(size=(2, 1, 4, 5, 6))
    assert float(content_cost(a_C, a_G)) == pytest.approx(
        numpy_content_cost(a_C, a_G), rel=1e-5
    )
    A = rng.normal(size=(3, 8))
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(gram_matrix(A)), A @ A.T, rtol=1e-5
    )
    assert float(layer_style_cost(a_C, a_G)) == pytest.approx(
        numpy_layer_style_cost(a_C, a_G), rel=1e-5
    )
    styles = [rng.normal(size=(1, 6 - i, 5, 2 + i)) for i in range(3)]
    made = [rng.normal(size=s.shape) for s in styles]
    layers = [("a", 0.5), ("b", 0.3), ("c", 0.2)]
    want = sum(w * numpy_layer_style_cost(s, g) for s, g, (_, w) in
               zip(styles, made, layers, strict=True))  # fmt: skip
    # a list that ends with the content layer, as the course's, is read in part
    got = style_cost([*styles, a_C], [*made, a_G], layers)
    assert float(got) == pytest.approx(want, rel=1e-5)
    assert float(total_cost(0.2, 0.8)) == pytest.approx(34.0)  # the course's check


def tiny_base():
    inputs = keras.Input((None, None, 3))
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="s1")(inputs)
    x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="s2")(x)
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="content")(x)
    return keras.Model(inputs, x)


def small_transfer():
    """A seeded transfer on `tiny_base`, and a content and a style image."""
    keras.utils.set_random_seed(0)
    nst = NeuralStyleTransfer(
        tiny_base(), "content", [("s1", 0.5), ("s2", 0.5)], alpha=10, beta=40
    )
    rng = np.random.default_rng(0)
    content, style = rng.uniform(size=(2, 1, 16, 16, 3)).astype("float32")
    return nst, content, style


@pytest.mark.multi_backend
def test_compiled_step_equals_an_eager_step_and_lowers_the_cost():
    nst, content, style = small_transfer()
    step = nst.make_step(style, content, learning_rate=0.01)
    image = nst.initial_image(content, seed=0)
    state = (image, np.zeros_like(image), np.zeros_like(image), np.float32(0.0))
    new_image, *_, J = step(*(keras.ops.convert_to_tensor(s) for s in state))
    a_S, a_C = nst.encode(style), nst.encode(content)
    assert float(J) == pytest.approx(
        float(nst.costs(a_S, a_C, nst.encode(image))[0]), rel=1e-5
    )
    # Adam's first step moves every pixel with a gradient by the rate, or clips
    moved = np.abs(keras.ops.convert_to_numpy(new_image) - image)
    assert moved.max() <= 0.01 + 1e-6 and moved.mean() > 0.001
    result = nst.transfer(255 * content[0], 255 * style[0], steps=30, seed=0, verbose=0)
    assert result.shape == (16, 16, 3) and 0 <= result.min() and result.max() <= 255
    assert result.max() > 1  # raw pixels out, as in
    assert nst.history[-1] < 0.9 * nst.history[0]


def test_steps_follow_the_course_notebooks_train_step():
    # The course's own train_step (keras_course.reference, written from the
    # notebook: its costs, tf.GradientTape, Keras's Adam(0.01), clip to
    # [0, 1]) against ours on the same encoder, images and start: the same
    # cost at every step and the same picture after three.
    import tensorflow as tf

    from keras_course.reference import course_nst_train_step

    nst, content, style = small_transfer()
    image = nst.initial_image(content, seed=0)
    course_step = course_nst_train_step(
        nst.encoder, nst.encoder(style), nst.encoder(content), nst.style_layers,
        keras.optimizers.Adam(learning_rate=0.01),
    )  # fmt: skip
    generated = tf.Variable(image)
    ours = nst.make_step(style, content, learning_rate=0.01)
    zeros = np.zeros_like(image)
    state = [keras.ops.convert_to_tensor(s) for s in (image, zeros, zeros, 0.0)]
    for _ in range(3):
        course_cost = float(course_step(generated))
        *state, cost = ours(*state)
        assert float(cost) == pytest.approx(course_cost, rel=1e-5)
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(state[0]), generated.numpy(), atol=1e-5
    )


def test_vgg19_base_without_weights():
    nst = NeuralStyleTransfer(weights=None)
    assert [n for n, _ in nst.style_layers][0] == "block1_conv1"
    assert nst.encoder.outputs[-1].shape[-1] == 512  # block5_conv4
    rng = np.random.default_rng(1)
    result = nst.transfer(
        rng.uniform(0, 255, (32, 32, 3)), rng.uniform(0, 255, (32, 32, 3)), 2, verbose=0
    )
    assert result.shape == (32, 32, 3) and len(nst.history) == 2


def test_imagenet_offline_fails_with_a_clear_message(offline_downloads):
    with pytest.raises(OSError, match="ImageNet weights of VGG19.*weights=None"):
        NeuralStyleTransfer()


def test_bad_input():
    with pytest.raises(ValueError, match=r"\['nope'\] are not layers"):
        NeuralStyleTransfer(tiny_base(), "nope", [("s1", 1.0)])
    with pytest.raises(ValueError, match="backbone"):
        NeuralStyleTransfer("vgg16")
    nst = NeuralStyleTransfer(tiny_base(), "content", [("s1", 1.0)])
    with pytest.raises(ValueError, match="same size"):
        nst.transfer(np.zeros((16, 16, 3)), np.zeros((8, 8, 3)), steps=1)
    with pytest.raises(ValueError, match=r"in \[0, 255\]"):
        nst.transfer(np.full((16, 16, 3), -1.0), np.zeros((16, 16, 3)), steps=1)
    with pytest.raises(ValueError, match="one RGB image"):
        nst.transfer(np.zeros((2, 16, 16, 3)), np.zeros((2, 16, 16, 3)), steps=1)
    with pytest.raises(ValueError, match="activations"):
        content_cost(np.zeros((4, 4, 3)), np.zeros((4, 4, 3)))
