import subprocess
import sys
from pathlib import Path

import pytest

import keras_course
from keras_course import demo
from keras_course.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"keras-course {keras_course.__version__}"


def test_list_groups_every_namespace_with_summaries(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for namespace in keras_course.NAMESPACES:
        assert f"keras_course.{namespace} (" in out
    assert "SlidingWindow" in out and "Cuts a series into overlapping windows" in out


def test_demo_help_lists_steps(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    out = capsys.readouterr().out
    for name, (summary, _) in demo.STEPS.items():
        assert name in out and summary in out


@pytest.mark.slow
def test_demo_timeseries_step_prints_naive_mae(capsys):
    assert main(["demo", "timeseries"]) == 0
    out = capsys.readouterr().out
    assert "naive forecast MAE: 5.938" in out
    assert "LR finder suggestion, course DNN (SGD): " in out
    assert "keras-course  course" in out  # the final table
    # Not a terminal: plain progress lines, no carriage-return redraws.
    assert "\r" not in out and "\b" not in out
    assert "epoch 20/200 - loss: " in out


def test_demo_vision_step_trains_the_shapes_cnn(capsys):
    assert main(["demo", "vision"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "shapes CNN validation accuracy:" in x)
    assert float(line.split(":")[1].split()[0]) >= 0.98
    assert "epoch 1/15 - loss: " in out and "val_accuracy: " in out


@pytest.mark.slow
def test_demo_jazz_step_learns_and_matches_the_course_model():
    from keras_course import demo

    rows = demo.jazz(lambda line: None)
    (_, _, loss, _), (_, what, ours, course) = rows
    assert loss < 3.0 < 4.5  # well below the uniform guess over 90 values
    assert "same: True" in what  # greedy values equal the course's model
    assert ours < course


def test_demo_dates_step_loads_the_preset_and_translates():
    lines = []
    ((_, what, exact_match, _),) = demo.dates(lines.append)
    assert "preset 'date_translator_course'" in lines[0]
    assert "(preset)" in what and exact_match >= 0.99
    assert "'3 may 1979' -> 1979-05-03" in "\n".join(lines)


def test_progress_off_a_terminal_writes_a_line_per_tenth_and_the_last():
    import io

    import keras
    import numpy as np

    class StopAfter7(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.model.stop_training = epoch == 6

    stream = io.StringIO()  # isatty() is False, as for CI logs and pipes
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    x = np.ones((4, 1), "float32")
    progress = demo.epoch_progbar(25, stream)
    model.fit(x, x, epochs=25, verbose=0, callbacks=[progress, StopAfter7()])
    lines = stream.getvalue().splitlines()
    assert [line.split(" - ")[0] for line in lines] == [
        "epoch 2/25",
        "epoch 4/25",
        "epoch 6/25",
        "epoch 7/25",
    ]
    assert all(line.split(" - ")[1].startswith("loss: ") for line in lines)


@pytest.mark.parametrize(
    "argv", [[], ["demo", "nope"], ["frobnicate"]], ids=["none", "step", "command"]
)
def test_usage_errors_exit_2_on_stderr(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "usage: keras-course" in captured.err


def test_console_script_is_installed():
    # pip puts console scripts beside the environment's python.
    exe = Path(sys.executable).parent / "keras-course"
    assert exe.is_file(), f"no keras-course console script at {exe}"
    out = subprocess.run(
        [exe, "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"keras-course {keras_course.__version__}"
