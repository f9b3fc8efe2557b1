"""Applications train across two local processes on `keras.distribution`.

Two JAX processes joined by `keras.distribution.initialize` are what two
hosts are; the workers run on the CPU (1 device each), whatever backend the
test suite itself runs on.
"""

import os

import pytest

from keras_course.testing import run_processes

WORKER = os.path.join(os.path.dirname(__file__), "train_across_processes.py")


@pytest.mark.slow
def test_applications_train_across_two_processes():
    first, second = run_processes(WORKER, num_processes=2, timeout=600)
    assert first["devices"] == second["devices"] == 2  # one mesh, two hosts
    # Each process is given its own half of every batch: disjoint, and
    # together the whole epoch.
    assert len(first["ids"]) == len(second["ids"]) == 32
    assert not set(first["ids"]) & set(second["ids"])
    assert sorted(first["ids"] + second["ids"]) == list(range(64))
    names = [k for k in first if "." in k]
    assert len(names) == 3, names
    for name in names:
        # One model: both hosts end with the same weights, bit for bit.
        assert first[name]["weights"] == second[name]["weights"], name
        assert first[name]["loss"] == second[name]["loss"], name
        loss = first[name]["loss"]
        assert loss[-1] < loss[0], (name, loss)


def test_a_failing_process_stops_the_run(tmp_path):
    script = tmp_path / "fails.py"
    script.write_text(
        "import sys, time\n"
        "if sys.argv[1] == '1':\n"
        "    raise SystemExit('process 1 gives up')\n"
        "time.sleep(60)  # would wait for its peer forever\n"
    )
    with pytest.raises(AssertionError, match="(?s)process 1 failed.*gives up"):
        run_processes(str(script), timeout=30)


def test_a_hung_run_is_stopped_at_its_timeout(tmp_path):
    script = tmp_path / "hangs.py"
    script.write_text("import time\ntime.sleep(600)\n")
    with pytest.raises(AssertionError, match="did not finish in 2 s"):
        run_processes(str(script), timeout=2)
    with pytest.raises(ValueError, match="`num_processes` must be"):
        run_processes(str(script), num_processes=0)
