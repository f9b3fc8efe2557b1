import keras
import numpy as np
import pytest

from keras_course.ops import gradient_check


@keras.saving.register_keras_serializable("test_gradient_check")
class ScaledDense(keras.layers.Layer):
    """`x @ w`, with a custom gradient that is right or `factor` times off."""

    def __init__(self, units, factor=1.0, **kwargs):
        super().__init__(**kwargs)
        self.units, self.factor = units, factor

    def build(self, input_shape):
        self.w = self.add_weight((input_shape[-1], self.units), name="w")

    def call(self, x):
        factor = self.factor

        @keras.ops.custom_gradient
        def matmul(x, w):
            def grad(*args, upstream=None):
                upstream = args[0] if upstream is None else upstream
                return (
                    keras.ops.matmul(upstream, keras.ops.transpose(w)),
                    factor * keras.ops.matmul(keras.ops.transpose(x), upstream),
                )

            return keras.ops.matmul(x, w), grad

        return matmul(x, keras.ops.copy(self.w))

    def get_config(self):
        return {**super().get_config(), "units": self.units, "factor": self.factor}


def network():
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(6, activation="tanh"),
         keras.layers.Dense(3, activation="relu"), keras.layers.Dense(1)]
    )  # fmt: skip


@pytest.mark.multi_backend
def test_a_correct_network_passes_in_float64():
    model = network()
    x = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
    y = np.random.default_rng(1).normal(size=(8, 1))
    result = gradient_check(model, x, y)
    assert result.difference < 2e-7 and result.passed()
    assert result.num_checked == result.num_params == model.count_params()
    assert set(result.per_weight) == {w.path for w in model.trainable_weights}
    assert all(v < 1e-5 for v in result.per_weight.values())
    assert model.weights[0].dtype == "float32"  # the user's model is untouched
    # and Keras's settings are back as they were
    assert keras.config.floatx() == "float32"
    assert keras.config.dtype_policy().name == "float32"
    assert keras.ops.tanh(np.ones(2, "float32")).dtype == "float32"
    assert "passed=True" in repr(result)


@pytest.mark.multi_backend
def test_a_wrong_custom_gradient_is_caught():
    x = np.random.default_rng(0).normal(size=(5, 3))
    right = gradient_check(ScaledDense(2), x)
    assert right.passed()
    wrong = gradient_check(ScaledDense(2, factor=1.5), x)
    assert wrong.difference > 1e-3 and not wrong.passed()
    # 1.5x off: |0.5 g| / (2.5 |g|)
    assert wrong.difference == pytest.approx(0.2, rel=1e-3)


def test_subset_and_losses():
    model = network()
    x = np.random.default_rng(0).normal(size=(8, 4))
    labels = np.array([0, 1] * 4, "float32")[:, None]
    subset = gradient_check(model, x, labels, loss=keras.losses.MeanSquaredError(),
                            max_params=10, seed=0)  # fmt: skip
    assert subset.num_checked == 10 and subset.passed()
    again = gradient_check(model, x, labels, max_params=10, seed=0)
    np.testing.assert_array_equal(subset.gradient, again.gradient)
    embedding = keras.Sequential(
        [keras.Input((3,), dtype="int32"), keras.layers.Embedding(10, 4),
         keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)]
    )  # fmt: skip
    assert gradient_check(embedding, np.array([[1, 2, 3], [4, 5, 6]])).passed()


def test_bad_input():
    model = network()
    x = np.zeros((2, 4), "float32")
    with pytest.raises(ValueError, match="epsilon"):
        gradient_check(model, x, epsilon=0)
    with pytest.raises(ValueError, match="no trainable weights"):
        gradient_check(keras.layers.Flatten(), x)
    with pytest.raises(ValueError, match="cast `x` to float"):
        gradient_check(model, np.zeros((2, 4), "int64"))
    with pytest.raises(ValueError, match="Keras model or layer"):
        gradient_check(lambda v: v, x)
    with pytest.raises(ValueError, match="needs targets"):
        gradient_check(model, x, loss="mse")
