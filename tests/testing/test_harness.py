"""The harness must pass correct components and catch broken ones."""

import keras
import numpy as np
import pytest
import tensorflow as tf
from harness_samples import (
    GoodDense,
    LambdaInside,
    MissingConfigArg,
    NonSerializableAttribute,
    Unregistered,
)

from keras_course.testing import RELOAD_VARIABLE, TestCase, cpu_devices

X = np.arange(12, dtype="float32").reshape(4, 3)


class TestHarness(TestCase):
    def test_good_layer_passes_every_check(self):
        out = self.run_layer_test(
            GoodDense,
            {"units": 2, "scale": 0.5},
            input_data=X,
            expected_output_shape=(4, 2),
            expected_output=X.sum(axis=1, keepdims=True).repeat(2, axis=1) * 0.5,
            expected_num_trainable_weights=1,
            expected_num_non_trainable_weights=0,
        )
        assert out.shape == (4, 2)
        reloaded = self.run_serialization_test(
            GoodDense(2, scale=0.5), X, imports=["harness_samples"]
        )
        np.testing.assert_allclose(
            reloaded[0], X.sum(1, keepdims=True).repeat(2, 1) / 2
        )

    def test_wrong_expected_shape_fails(self):
        with pytest.raises(AssertionError, match="Unexpected output shape"):
            self.run_layer_test(
                GoodDense, {"units": 2}, input_data=X, expected_output_shape=(4, 3)
            )

    def test_missing_config_argument_is_caught(self):
        with pytest.raises(
            AssertionError, match=r"missing constructor argument.*scale"
        ):
            self.run_layer_test(MissingConfigArg, {"units": 2}, input_data=X)

    def test_lambda_inside_is_caught_by_layer_test(self):
        with pytest.raises(AssertionError, match="Lambda"):
            self.run_layer_test(LambdaInside, {}, input_data=X)

    @pytest.mark.slow
    @pytest.mark.parametrize("where", ["fresh", "in-process"])
    def test_lambda_model_does_not_reload_in_safe_mode(self, where, monkeypatch):
        monkeypatch.setenv(RELOAD_VARIABLE, where)
        model = keras.Sequential(
            [keras.Input((3,)), keras.layers.Lambda(lambda x: x * 400.0)]
        )
        with pytest.raises(AssertionError, match="safe_mode=True failed"):
            self.run_serialization_test(model, X)

    # Keras warns that the layer's config holds a lambda: the very fault
    # this test feeds the harness.
    @pytest.mark.filterwarnings(
        "ignore:The object being serialized includes a `lambda`"
    )
    def test_non_serializable_attribute_is_caught(self):
        with pytest.raises(AssertionError, match="safe mode|JSON"):
            self.run_layer_test(NonSerializableAttribute, {}, input_data=X)

    @pytest.mark.slow
    @pytest.mark.parametrize("where", ["fresh", "in-process"])
    def test_unregistered_layer_does_not_reload(self, where, monkeypatch):
        monkeypatch.setenv(RELOAD_VARIABLE, where)
        with pytest.raises(AssertionError, match="safe_mode=True failed"):
            self.run_serialization_test(Unregistered(), X, imports=["harness_samples"])

    def test_in_process_reload_starts_no_process(self, monkeypatch):
        # CI's JAX leg: the same safe-mode load, in the test's own process.
        from keras_course.testing import test_case

        def refuse(*args, **kwargs):
            raise AssertionError("a process was started")

        monkeypatch.setattr(test_case.subprocess, "run", refuse)
        monkeypatch.setenv(RELOAD_VARIABLE, "in-process")
        reloaded = self.run_serialization_test(GoodDense(2, scale=0.5), X)
        np.testing.assert_allclose(
            reloaded[0], X.sum(1, keepdims=True).repeat(2, 1) / 2
        )
        monkeypatch.setenv(RELOAD_VARIABLE, "fresh")
        with pytest.raises(AssertionError, match="a process was started"):
            self.run_serialization_test(GoodDense(2, scale=0.5), X)

    def test_a_bad_reload_setting_is_refused(self, monkeypatch):
        monkeypatch.setenv(RELOAD_VARIABLE, "yes")
        with pytest.raises(ValueError, match="KERAS_COURSE_TEST_RELOAD.*'yes'"):
            self.run_serialization_test(GoodDense(2), X)

    def test_input_arguments_are_validated(self):
        with pytest.raises(ValueError, match="exactly one"):
            self.run_layer_test(GoodDense, {"units": 1})


def _dataset():
    x = np.random.default_rng(0).normal(size=(64, 3)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    return tf.data.Dataset.from_tensor_slices((x, y)).repeat().batch(8)


def _model(learning_rate):
    def build():
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
        model.compile(keras.optimizers.SGD(learning_rate), loss="mse")
        return model

    return build


@pytest.mark.multi_backend
class TestDistributedHarness(TestCase):
    def test_two_virtual_devices_exist(self):
        assert len(cpu_devices()) >= 2

    def test_data_parallel_fit_trains(self):
        model = self.run_distributed_fit_test(_model(0.05), _dataset(), steps=3)
        assert model.count_params() == 4

    def test_model_that_does_not_learn_is_caught(self):
        with pytest.raises(AssertionError, match="No trainable weight changed"):
            self.run_distributed_fit_test(_model(0.0), _dataset(), steps=2)
