import keras
import matplotlib
import numpy as np
import pytest

from keras_course.applications import ShallowClassifier
from keras_course.datasets import planar_flower
from keras_course.reference import course_schedule_lr_decay
from keras_course.testing import TestCase
from keras_course.visualization import plot_decision_boundary

matplotlib.use("Agg")


@pytest.mark.slow
def test_the_course_network_learns_the_flower():
    # Seeded before the model is built: its starting weights decide the
    # outcome (0.87-0.89 on seeds 0-5; an unseeded start once stopped at 0.64).
    keras.utils.set_random_seed(0)
    model = ShallowClassifier()
    assert model.count_params() == 17
    assert model.get_layer("hidden").activation.__name__ == "tanh"
    assert float(model.optimizer.learning_rate) == pytest.approx(1.2)
    x, y = planar_flower()
    history = model.fit(x, y, batch_size=400, epochs=300, verbose=0)
    # better than a line can do (the course's logistic regression: 47%)
    assert history.history["accuracy"][-1] > 0.8
    ax = plot_decision_boundary(model, x, y, resolution=50)
    assert len(ax.collections) >= 2  # regions and points


def test_keras_inverse_time_decay_is_the_course_schedule():
    # The course's schedule_lr_decay(lr0, epoch, decay_rate, time_interval)
    # is InverseTimeDecay(lr0, time_interval, decay_rate, staircase=True)
    # read at the epoch: no new callback needed.
    schedule = keras.optimizers.schedules.InverseTimeDecay(
        0.1, decay_steps=1000, decay_rate=0.3, staircase=True
    )
    for epoch in [0, 1, 999, 1000, 1500, 2000, 4999]:
        assert float(schedule(epoch)) == pytest.approx(
            course_schedule_lr_decay(0.1, epoch, 0.3, 1000), rel=1e-6
        )
    callback = keras.callbacks.LearningRateScheduler(lambda e: float(schedule(e)))
    model = ShallowClassifier(optimizer=keras.optimizers.SGD(0.1))
    x, y = planar_flower(20)
    model.fit(x, y, epochs=3, verbose=0, callbacks=[callback])
    assert float(model.optimizer.learning_rate) == pytest.approx(0.1)


def test_bad_input():
    with pytest.raises(ValueError, match="units"):
        ShallowClassifier(units=0)
    with pytest.raises(ValueError, match="input_shape"):
        ShallowClassifier(input_shape=(4, 2))
    with pytest.raises(ValueError, match=r"\(n, 2\) points"):
        plot_decision_boundary(lambda p: p[:, 0], np.zeros((4, 3)), [0, 1, 0, 1])


class TestShallowClassifierSaving(TestCase):
    @pytest.mark.slow
    def test_config_and_reload(self):
        self.run_config_test(
            ShallowClassifier, dict(units=5, activation="relu", input_shape=3)
        )
        model = ShallowClassifier(3, input_shape=(4,))
        x = np.random.default_rng(0).normal(size=(3, 4)).astype("float32")
        self.run_serialization_test(model, x)


def test_your_compile_wins_and_survives_a_reload(tmp_path):
    # Applications compile themselves with the course's settings; compiling
    # them again is what a Keras user does, and the saved file keeps it.
    model = ShallowClassifier()
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy")
    model.fit(np.zeros((4, 2)), np.zeros(4), verbose=0)
    model.save(tmp_path / "shallow.keras")
    reloaded = keras.saving.load_model(tmp_path / "shallow.keras", safe_mode=True)
    assert isinstance(reloaded.optimizer, keras.optimizers.Adam)
    assert float(reloaded.optimizer.learning_rate) == pytest.approx(0.05)
