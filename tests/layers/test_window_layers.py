import keras
import numpy as np
import pytest

from keras_course.layers import ExpandDims, Scale, SlidingWindow
from keras_course.testing import TestCase

pytestmark = pytest.mark.multi_backend


class TestExpandDims(TestCase):
    @pytest.mark.parametrize(
        "axis, expected",
        [(-1, (2, 5, 1)), (1, (2, 1, 5)), (2, (2, 5, 1)), (-2, (2, 1, 5))],
        ids=["last", "first-after-batch", "positive-last", "negative-middle"],
    )
    def test_shapes_and_config(self, axis, expected):
        self.run_layer_test(
            ExpandDims,
            {"axis": axis},
            input_shape=(2, 5),
            expected_output_shape=expected,
            expected_num_trainable_weights=0,
        )

    def test_replaces_course_lambda_in_a_saved_rnn(self):
        model = keras.Sequential(
            [
                keras.Input((20,)),
                ExpandDims(),
                keras.layers.SimpleRNN(4),
                keras.layers.Dense(1),
                Scale(100.0),
            ]
        )
        assert model.output_shape == (None, 1)
        self.run_serialization_test(model, np.ones((3, 20), "float32"))

    @pytest.mark.parametrize("axis", [0, 1.5, "x"], ids=["batch", "float", "str"])
    def test_bad_axis(self, axis):
        with pytest.raises(ValueError, match="`axis` must"):
            ExpandDims(axis)

    def test_axis_out_of_range(self):
        with pytest.raises(ValueError, match="out of range"):
            ExpandDims(5)(np.zeros((2, 3)))


class TestScale(TestCase):
    def test_values_shape_and_config(self):
        self.run_layer_test(
            Scale,
            {"factor": 400.0},
            input_data=np.array([[0.5, -0.25]], "float32"),
            expected_output_shape=(1, 2),
            expected_output=np.array([[200.0, -100.0]]),
            expected_num_trainable_weights=0,
        )

    @pytest.mark.slow
    def test_serialization(self):
        self.run_serialization_test(Scale(2.5), np.ones((2, 3), "float32"))

    def test_integer_input_is_scaled_as_float(self):
        out = Scale(2.5)(np.array([[3, -2]], "int32"))
        assert keras.backend.standardize_dtype(out.dtype) == "float32"
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(out), [[7.5, -5.0]])

    @pytest.mark.parametrize("factor", ["400", None, float("nan"), True])
    def test_bad_factor(self, factor):
        with pytest.raises(ValueError, match="`factor` must be"):
            Scale(factor)


class TestSlidingWindow(TestCase):
    def test_univariate_values(self):
        series = np.arange(10, dtype="float32")[None]
        out = self.run_layer_test(
            SlidingWindow,
            {"window_size": 4, "shift": 3},
            input_data=series,
            expected_output_shape=(1, 3, 4),
            expected_output=np.array([[[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]]]),
        )
        assert out.shape == (1, 3, 4)

    def test_multivariate_shape(self):
        self.run_layer_test(
            SlidingWindow,
            {"window_size": 5},
            input_shape=(2, 12, 3),
            expected_output_shape=(2, 8, 5, 3),
        )

    def test_unknown_time_length(self):
        inputs = keras.Input((None,))
        model = keras.Model(inputs, SlidingWindow(3)(inputs))
        out = model.predict(np.arange(12, dtype="float32").reshape(2, 6), verbose=0)
        assert out.shape == (2, 4, 3)
        np.testing.assert_array_equal(out[1, -1], [9, 10, 11])

    @pytest.mark.slow
    def test_serialization(self):
        self.run_serialization_test(
            SlidingWindow(3, shift=2), np.ones((2, 9), "float32")
        )

    def test_unknown_length_shorter_than_the_window(self):
        inputs = keras.Input((None,))
        model = keras.Model(inputs, SlidingWindow(5, shift=2)(inputs))
        short = np.arange(6, dtype="float32").reshape(2, 3)
        # predict traces with the real length (on every backend): it raises.
        with pytest.raises(ValueError, match="must not exceed"):
            model.predict(short, verbose=0)
        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            # A graph traced for any length learns it only when it runs:
            # zero windows, no error.
            graph = tf.function(
                model, input_signature=[tf.TensorSpec((None, None), tf.float32)]
            )
            assert tuple(graph(short).shape) == (2, 0, 5)

    def test_window_longer_than_series(self):
        with pytest.raises(ValueError, match="must not exceed"):
            SlidingWindow(8)(np.zeros((1, 5), "float32"))

    @pytest.mark.parametrize(
        "kwargs", [{"window_size": 0}, {"window_size": 3, "shift": -1}], ids=str
    )
    def test_bad_arguments(self, kwargs):
        with pytest.raises(ValueError, match="must be a positive int"):
            SlidingWindow(**kwargs)

    def test_rank_four_input(self):
        with pytest.raises(ValueError, match=r"\(batch, time\)"):
            SlidingWindow(2)(np.zeros((1, 4, 2, 2), "float32"))
