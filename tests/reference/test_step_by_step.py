"""Keras's own layers against the courses' step-by-step NumPy oracles.

DLS course 4 week 1 writes a convolution and pooling with four nested loops,
course 5 week 1 an RNN and an LSTM cell with column vectors; the courses then
use `Conv2D`, `MaxPooling2D`, `SimpleRNN` and `LSTM`. These tests load the
oracles' parameters into Keras's layers and check that both compute the same
thing, on both backends.
"""

import keras
import numpy as np
import pytest

from keras_course import reference
from keras_course.testing import TestCase


def _rng(seed=1):
    return np.random.default_rng(seed)


@pytest.mark.multi_backend
class TestConvolutionStepByStep(TestCase):
    def test_conv_single_step_is_one_filter_on_one_slice(self):
        rng = _rng()
        a_slice, W, b = rng.normal(size=(4, 4, 3)), rng.normal(size=(4, 4, 3)), 0.5
        z = reference.course_conv_single_step(a_slice, W, np.full((1, 1, 1), b))
        np.testing.assert_allclose(z, np.sum(a_slice * W) + b)

    @pytest.mark.parametrize("f, stride, pad", [(2, 2, 1), (3, 1, 1), (4, 2, 0)])
    def test_conv2d_after_zero_padding_equals_conv_forward(self, f, stride, pad):
        rng = _rng(f)
        A_prev = rng.normal(size=(2, 5, 7, 4)).astype("float32")
        W = rng.normal(size=(f, f, 4, 8)).astype("float32")
        b = rng.normal(size=(1, 1, 1, 8)).astype("float32")
        Z, _ = reference.course_conv_forward(
            A_prev, W, b, {"pad": pad, "stride": stride}
        )
        conv = keras.layers.Conv2D(8, f, strides=stride)
        model = keras.Sequential(
            [keras.Input(A_prev.shape[1:]), keras.layers.ZeroPadding2D(pad), conv]
        )
        conv.set_weights([W, b.reshape(8)])
        ours = keras.ops.convert_to_numpy(model(A_prev))
        self.assert_shape_matches(ours.shape, Z.shape)
        self.assert_all_close(ours, Z, atol=1e-4, rtol=1e-4)

    def test_same_padding_is_the_course_pad_for_odd_filters(self):
        # "same" with stride 1 pads (f - 1) / 2 on each side, as the course's
        # `pad` for an odd f.
        rng = _rng(3)
        A_prev = rng.normal(size=(1, 6, 6, 2)).astype("float32")
        W = rng.normal(size=(3, 3, 2, 3)).astype("float32")
        b = np.zeros((1, 1, 1, 3), "float32")
        Z, _ = reference.course_conv_forward(A_prev, W, b, {"pad": 1, "stride": 1})
        conv = keras.layers.Conv2D(3, 3, padding="same")
        conv.build(A_prev.shape)
        conv.set_weights([W, b.reshape(3)])
        self.assert_all_close(
            keras.ops.convert_to_numpy(conv(A_prev)), Z, atol=1e-4, rtol=1e-4
        )

    @pytest.mark.parametrize(
        "mode, layer", [("max", "MaxPooling2D"), ("average", "AveragePooling2D")]
    )
    @pytest.mark.parametrize("f, stride", [(3, 1), (2, 2), (3, 2)])
    def test_pooling_equals_pool_forward(self, mode, layer, f, stride):
        A_prev = _rng(f + stride).normal(size=(2, 5, 5, 3)).astype("float32")
        A, _ = reference.course_pool_forward(A_prev, {"f": f, "stride": stride}, mode)
        pool = getattr(keras.layers, layer)(pool_size=f, strides=stride)
        ours = keras.ops.convert_to_numpy(pool(A_prev))
        self.assert_shape_matches(ours.shape, A.shape)
        self.assert_all_close(ours, A, atol=1e-5, rtol=1e-5)

    def test_the_oracle_catches_a_wrong_stride(self):
        # The comparison can fail: Keras's default stride for pooling is the
        # pool size, not the course's stride of 1.
        A_prev = _rng().normal(size=(1, 5, 5, 1)).astype("float32")
        A, _ = reference.course_pool_forward(A_prev, {"f": 2, "stride": 1})
        ours = keras.ops.convert_to_numpy(keras.layers.MaxPooling2D(2)(A_prev))
        assert ours.shape != A.shape


def _rnn_parameters(n_x, n_a, n_y, seed):
    rng = _rng(seed)
    return {
        "Wax": rng.normal(size=(n_a, n_x)),
        "Waa": rng.normal(size=(n_a, n_a)) * 0.5,
        "Wya": rng.normal(size=(n_y, n_a)),
        "ba": rng.normal(size=(n_a, 1)),
        "by": rng.normal(size=(n_y, 1)),
    }


def _lstm_parameters(n_x, n_a, n_y, seed):
    rng = _rng(seed)
    parameters = {}
    for gate in "fico":
        parameters[f"W{gate}"] = rng.normal(size=(n_a, n_a + n_x)) * 0.5
        parameters[f"b{gate}"] = rng.normal(size=(n_a, 1))
    parameters["Wy"] = rng.normal(size=(n_y, n_a))
    parameters["by"] = rng.normal(size=(n_y, 1))
    return parameters


def _keras_lstm_weights(parameters, n_a, gates):
    """The course's gate matrices as Keras's LSTM kernel, recurrent kernel
    and bias, the gates concatenated in the order `gates`."""
    return [
        np.concatenate([parameters[f"W{g}"][:, n_a:].T for g in gates], axis=1),
        np.concatenate([parameters[f"W{g}"][:, :n_a].T for g in gates], axis=1),
        np.concatenate([parameters[f"b{g}"][:, 0] for g in gates]),
    ]


def _keras_sequences(x):
    """The course's `(n_x, m, T_x)` as Keras's `(m, T_x, n_x)`, float32."""
    return np.transpose(x, (1, 2, 0)).astype("float32")


def _course_sequences(y):
    """Keras's `(m, T_x, n)` as the course's `(n, m, T_x)`."""
    return np.transpose(keras.ops.convert_to_numpy(y), (2, 0, 1))


def _sequence_model(rnn, n_x, T_x, n_a, n_y):
    """`rnn` returning every step, from an initial state, with a softmax
    Dense on each step: the course's `a` and `y_pred` as two outputs."""
    x = keras.Input((T_x, n_x))
    a0 = keras.Input((n_a,))
    states = (
        [a0]
        if isinstance(rnn, keras.layers.SimpleRNN)
        else [a0, keras.ops.zeros_like(a0)]
    )
    a = rnn(x, initial_state=states)
    y = keras.layers.Dense(n_y, activation="softmax")(a)
    return keras.Model([x, a0], [a, y])


@pytest.mark.multi_backend
class TestRecurrentStepByStep(TestCase):
    n_x, n_a, n_y, m, T_x = 3, 5, 2, 10, 4

    def _inputs(self, seed):
        rng = _rng(seed)
        x = rng.normal(size=(self.n_x, self.m, self.T_x))
        a0 = rng.normal(size=(self.n_a, self.m))
        return x, a0

    def test_simple_rnn_equals_rnn_forward(self):
        x, a0 = self._inputs(2)
        parameters = _rnn_parameters(self.n_x, self.n_a, self.n_y, 2)
        a, y_pred, _ = reference.course_rnn_forward(x, a0, parameters)
        rnn = keras.layers.SimpleRNN(self.n_a, return_sequences=True)
        model = _sequence_model(rnn, self.n_x, self.T_x, self.n_a, self.n_y)
        # Keras multiplies row vectors: its kernels are the course's transposed.
        rnn.set_weights(
            [parameters["Wax"].T, parameters["Waa"].T, parameters["ba"][:, 0]]
        )
        model.layers[-1].set_weights([parameters["Wya"].T, parameters["by"][:, 0]])
        ours_a, ours_y = model([_keras_sequences(x), a0.T.astype("float32")])
        self.assert_all_close(_course_sequences(ours_a), a, atol=1e-5, rtol=1e-5)
        self.assert_all_close(_course_sequences(ours_y), y_pred, atol=1e-5, rtol=1e-5)

    def test_rnn_cell_forward_is_one_step_of_rnn_forward(self):
        x, a0 = self._inputs(3)
        parameters = _rnn_parameters(self.n_x, self.n_a, self.n_y, 3)
        a, _, _ = reference.course_rnn_forward(x, a0, parameters)
        a_next, _, _ = reference.course_rnn_cell_forward(x[:, :, 0], a0, parameters)
        np.testing.assert_allclose(a_next, a[:, :, 0])

    def test_lstm_equals_lstm_forward(self):
        x, a0 = self._inputs(4)
        parameters = _lstm_parameters(self.n_x, self.n_a, self.n_y, 4)
        a, y, _, _ = reference.course_lstm_forward(x, a0, parameters)
        lstm = keras.layers.LSTM(self.n_a, return_sequences=True)
        model = _sequence_model(lstm, self.n_x, self.T_x, self.n_a, self.n_y)
        # The course multiplies each gate's W by [a_prev; xt]; Keras keeps an
        # input kernel and a recurrent kernel, gates in the order i, f, c, o.
        lstm.set_weights(_keras_lstm_weights(parameters, self.n_a, "ifco"))
        model.layers[-1].set_weights([parameters["Wy"].T, parameters["by"][:, 0]])
        ours_a, ours_y = model([_keras_sequences(x), a0.T.astype("float32")])
        self.assert_all_close(_course_sequences(ours_a), a, atol=1e-5, rtol=1e-5)
        self.assert_all_close(_course_sequences(ours_y), y, atol=1e-5, rtol=1e-5)

    def test_the_oracle_catches_keras_gate_order_mistaken_for_the_course(self):
        # Loading the gates in the course's order f, i, c, o (not Keras's
        # i, f, c, o) gives other outputs: the comparison above can fail.
        x, a0 = self._inputs(5)
        parameters = _lstm_parameters(self.n_x, self.n_a, self.n_y, 5)
        a, _, _, _ = reference.course_lstm_forward(x, a0, parameters)
        lstm = keras.layers.LSTM(self.n_a, return_sequences=True)
        model = _sequence_model(lstm, self.n_x, self.T_x, self.n_a, self.n_y)
        lstm.set_weights(_keras_lstm_weights(parameters, self.n_a, "fico"))
        ours_a, _ = model([_keras_sequences(x), a0.T.astype("float32")])
        assert np.abs(_course_sequences(ours_a) - a).max() > 1e-2
