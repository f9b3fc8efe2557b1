import gzip
import importlib.util
import os

import keras
import numpy as np
import pytest

from keras_course.applications import TimeSeriesForecaster
from keras_course.datasets import synthetic_series
from keras_course.ops import autoregressive_forecast, mae, naive_forecast
from keras_course.testing import TestCase
from keras_course.testing.course_reference import course_predict_loop


@pytest.fixture(scope="module")
def course_series():
    return synthetic_series()[1]


@pytest.mark.parametrize(
    "architecture, params",
    [
        ("dense", 310 + 110 + 11),
        ("simple_rnn", 1_680 + 3_240 + 41),
        ("lstm", 16_896 + 33_024 + 65),
        ("bilstm", 8_704 + 24_832 + 65),
        ("conv_lstm", 192 + 24_832 + 33_024 + 1_950 + 310 + 11),
    ],
    ids=lambda v: str(v),
)
def test_course_architectures_parameter_counts(architecture, params):
    model = TimeSeriesForecaster(window_size=30, architecture=architecture)
    assert model.count_params() == params
    assert model.output_shape == (None, 1)
    lambdas = [la for la in model.layers if isinstance(la, keras.layers.Lambda)]
    assert lambdas == []


def test_course_output_scale_and_override():
    scales = {
        arch: [
            la.factor
            for la in TimeSeriesForecaster(architecture=arch).layers
            if la.name == "scale"
        ]
        for arch in ("dense", "simple_rnn", "conv_lstm")
    }
    assert scales == {"dense": [], "simple_rnn": [100.0], "conv_lstm": [400.0]}
    model = TimeSeriesForecaster(architecture="dense", output_scale=2.0)
    assert model.get_layer("scale").factor == 2.0


def test_forecast_is_the_course_model_forecast_in_one_call():
    model = TimeSeriesForecaster(window_size=5)
    series = np.random.default_rng(0).normal(size=40).astype("float32")
    forecast = model.forecast(series)
    assert forecast.shape == (36,)
    loop = course_predict_loop(model, series, 5)  # the course week 2 way
    np.testing.assert_allclose(forecast, loop, rtol=1e-5, atol=1e-5)


def test_fit_series_learns_and_evaluates_against_naive(course_series):
    keras.utils.set_random_seed(0)
    model = TimeSeriesForecaster(window_size=20)
    history = model.fit(course_series, split_time=1000, epochs=5, verbose=0, seed=0)
    assert set(history.history) >= {"loss", "mae", "val_loss", "val_mae"}
    assert history.history["loss"][-1] < history.history["loss"][0]
    result = model.evaluate(course_series, split_time=1000)
    assert result["naive_mae"] == pytest.approx(5.9379, abs=1e-3)
    assert result["mae"] == pytest.approx(history.history["val_mae"][-1], rel=1e-3)


def test_horizon_outputs():
    model = TimeSeriesForecaster(window_size=10, horizon=3)
    series = np.arange(50, dtype="float32")
    assert model.forecast(series).shape == (41, 3)
    history = model.fit(series, split_time=40, epochs=1, verbose=0)
    assert np.isfinite(history.history["val_loss"][0])


def test_keras_fit_and_evaluate_still_work():
    model = TimeSeriesForecaster(window_size=4)
    x, y = np.ones((8, 4), "float32"), np.ones((8, 1), "float32")
    model.fit(x, y, epochs=1, verbose=0)
    assert len(model.evaluate(x, y, verbose=0)) == 2  # loss, mae


class TestForecasterSaving(TestCase):
    @pytest.mark.parametrize("architecture", ["dense", "conv_lstm"])
    def test_reloads_in_a_fresh_process_in_safe_mode(self, architecture):
        model = TimeSeriesForecaster(
            window_size=12,
            architecture=architecture,
            optimizer=keras.optimizers.SGD(1e-5, momentum=0.9),
        )
        self.run_serialization_test(
            model, np.random.default_rng(0).normal(size=(3, 12)).astype("float32")
        )

    def test_reload_keeps_config_and_compile(self, tmp_path):
        model = TimeSeriesForecaster(window_size=8, architecture="bilstm", horizon=2)
        model.save(tmp_path / "f.keras")
        loaded = keras.saving.load_model(tmp_path / "f.keras", safe_mode=True)
        assert isinstance(loaded, TimeSeriesForecaster)
        assert loaded.get_config() == model.get_config()
        assert loaded.forecast(np.arange(20.0)).shape == (13, 2)


@pytest.mark.multi_backend
class TestForecasterDistributed(TestCase):
    def test_data_parallel_fit(self):
        series = synthetic_series(time_steps=400)[1]
        from keras_course.datasets import windowed_dataset

        dataset = windowed_dataset(series, 10, batch_size=8).repeat()
        self.run_distributed_fit_test(
            lambda: TimeSeriesForecaster(window_size=10), dataset, steps=3
        )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"window_size": 0}, "`window_size` must be a positive int"),
        ({"architecture": "transformer"}, "`architecture` must be one of"),
        ({"horizon": 0}, "`horizon` must be"),
        ({"output_scale": "big"}, "`output_scale` must be a number"),
    ],
    ids=["window", "architecture", "horizon", "scale"],
)
def test_bad_constructor_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TimeSeriesForecaster(**kwargs)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda m, s: m.fit(s, split_time=5000), "`split_time` must lie"),
        (lambda m, s: m.evaluate(s, split_time=10), "`split_time` must be >="),
        (lambda m, s: m.forecast(s[:10]), "`window_size` is too large"),
        (lambda m, s: m.forecast(np.stack([s, s, s])[None]), "must have shape"),
        (lambda m, s: m.forecast(np.append(s, np.nan)), "NaN"),
        (lambda m, s: m.fit(np.stack([s, s], axis=1)), "`series` must have shape"),
        (lambda m, s: m.fit(s[:30]), "`window_size` is too large"),
    ],
    ids=["fit-split", "evaluate-split", "short", "3d", "nan", "fit-2d", "fit-short"],
)
def test_bad_series_arguments(course_series, call, message):
    with pytest.raises(ValueError, match=message):
        call(TimeSeriesForecaster(), course_series)


@pytest.mark.slow
def test_dense_defaults_beat_the_course_dnn_number(course_series):
    # Course DNN: validation MAE ~5.1; the issue asks for <= 5.2 in under a minute.
    keras.utils.set_random_seed(0)
    model = TimeSeriesForecaster()
    model.fit(course_series, split_time=1000, verbose=0, seed=0)
    result = model.evaluate(course_series, split_time=1000)
    assert result["mae"] <= 5.2 < result["naive_mae"]


def pmdarima_sunspots():
    spec = importlib.util.find_spec("pmdarima")
    path = os.path.join(
        spec.submodule_search_locations[0], "datasets", "data", "sunspots.txt.gz"
    )
    with gzip.open(path, "rt") as f:
        return np.loadtxt(f).ravel().astype("float32")


@pytest.mark.slow
def test_dense_defaults_on_real_monthly_sunspots():
    # 2,820 monthly sunspot numbers (1749-1983) shipped by pmdarima; the last
    # fifth is the validation part.
    series = pmdarima_sunspots()
    split = int(len(series) * 0.8)
    keras.utils.set_random_seed(0)
    model = TimeSeriesForecaster()
    model.fit(series, split_time=split, verbose=0, seed=0)
    ours = model.evaluate(series, split_time=split)["mae"]
    naive = mae(series[split:], naive_forecast(series, split))
    ar = mae(series[split:], autoregressive_forecast(series, split, order=30))
    assert ours <= 0.95 * naive
    assert ours <= 1.05 * ar
