"""Presets: the shipped ones load and reach their card's figure; a preset
folder round-trips; a damaged one is refused, naming the file."""

import json
import pathlib
import shutil
import subprocess
import sys

import numpy as np
import pytest

from keras_course import applications
from keras_course.applications import _presets

SHIPPED = {
    "date_translator_course": "DateTranslator",
    "char_language_model_names": "CharLanguageModel",
    "poetry_generator_sonnets": "PoetryGenerator",
    "fashion_mnist_dense": "FashionMNISTClassifier",
    "fashion_mnist_cnn": "FashionMNISTClassifier",
    "time_series_forecaster_course": "TimeSeriesForecaster",
}
DATA = pathlib.Path(__file__).resolve().parents[1] / "data"

# Each preset's card figure, measured again in a new process: the same
# held-out data and measure the training script used.
CHECKS = f"""
import json, sys
import numpy as np
import keras_course.applications as apps
from keras_course.datasets import (
    generate_dates, load_first_names, load_poetry_corpus, synthetic_series)

got = {{}}
model = apps.DateTranslator.from_preset("date_translator_course")
got["date_translator_course"] = model.exact_match(generate_dates(2000, seed=2024))
model = apps.CharLanguageModel.from_preset("char_language_model_names")
held_out = load_first_names()[::10]
got["char_language_model_names"] = float(
    model.evaluate(*model.encode(held_out), verbose=0))
model = apps.PoetryGenerator.from_preset("poetry_generator_sonnets")
data = apps.PoetryGenerator.from_corpus(load_poetry_corpus()).training_data
got["poetry_generator_sonnets"] = model.evaluate(*data, verbose=0)[1]
fashion = np.load({str(DATA / "fashion_mnist_test_1000.npz")!r})
for name in ("fashion_mnist_dense", "fashion_mnist_cnn"):
    model = apps.FashionMNISTClassifier.from_preset(name)
    predictions = model.predict(fashion["images"], verbose=0).argmax(-1)
    got[name] = float(np.mean(predictions == fashion["labels"]))
model = apps.TimeSeriesForecaster.from_preset("time_series_forecaster_course")
got["time_series_forecaster_course"] = model.evaluate(
    synthetic_series()[1], split_time=1000)["mae"]
print(json.dumps(got))
"""


def test_list_presets_names_the_shipped_presets_with_their_cards():
    presets = applications.list_presets()
    assert set(SHIPPED) <= set(presets)
    for name, class_name in SHIPPED.items():
        metadata = presets[name]
        assert metadata["class_name"] == class_name
        for field in ("description", "data", "recipe", "training", "quality",
                      "check", "limitations"):  # fmt: skip
            assert metadata["card"][field], (name, field)
        assert metadata["card"]["check"] in metadata["card"]["quality"], name
        folder = _presets.PRESETS / name
        assert (folder / "README.md").read_text().startswith(f"# {name}")


def test_the_shipped_presets_fit_the_size_budget():
    size = sum(p.stat().st_size for p in _presets.PRESETS.rglob("*") if p.is_file())
    assert size < 15 * 2**20, f"{size / 2**20:.1f} MiB of presets"


@pytest.mark.slow
def test_every_shipped_preset_reaches_its_card_figure_in_a_new_process():
    result = subprocess.run(
        [sys.executable, "-c", CHECKS], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    got = json.loads(result.stdout.strip().splitlines()[-1])
    presets = applications.list_presets()
    assert set(got) == set(SHIPPED)
    for name, value in got.items():
        card = float(presets[name]["card"]["check"])
        # The card rounds to three or four decimals; float sums may differ
        # in the last place on another machine.
        assert value == pytest.approx(card, abs=2e-3), name
    assert got["date_translator_course"] >= 0.995  # the target


def test_the_date_translator_preset_translates_at_once():
    model = applications.DateTranslator.from_preset("date_translator_course")
    assert model.translate(["3 may 1979", "tuesday july 8 2008"]) == [
        "1979-05-03",
        "2008-07-08",
    ]


@pytest.fixture
def small_preset(tmp_path):
    model = applications.CharLanguageModel.from_names(["anna", "bob", "carl"])
    model.fit(epochs=1, verbose=0)
    folder = tmp_path / "names"
    model.save_to_preset(folder, card={"description": "three names"})
    return model, folder


def test_save_to_preset_then_from_preset_gives_the_same_model(small_preset):
    model, folder = small_preset
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md", "config.json", "metadata.json", "model.weights.h5",
    ]  # fmt: skip
    loaded = applications.CharLanguageModel.from_preset(str(folder))
    for ours, theirs in zip(model.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_array_equal(ours, theirs)
    assert loaded.sample(5, temperature=0) == model.sample(5, temperature=0)
    metadata = json.loads((folder / "metadata.json").read_text())
    assert metadata["card"] == {"description": "three names"}
    assert metadata["parameter_count"] == model.count_params()


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete"])
def test_a_damaged_preset_file_is_refused_naming_it(small_preset, damage):
    _, folder = small_preset
    for name in ("model.weights.h5", "config.json"):
        copy = folder.parent / f"{damage}-{name}"
        shutil.copytree(folder, copy)
        path = copy / name
        data = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "flip":
            path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        else:
            path.unlink()
        with pytest.raises(ValueError, match=str(path).replace(".", r"\.")):
            applications.CharLanguageModel.from_preset(copy)


def test_a_preset_of_another_class_or_an_unknown_name_is_refused(small_preset):
    _, folder = small_preset
    with pytest.raises(ValueError, match="holds a CharLanguageModel, not a UNet"):
        applications.UNet.from_preset(folder)
    with pytest.raises(ValueError, match="date_translator_course"):
        applications.DateTranslator.from_preset("date_translator")
    with pytest.raises(TypeError, match="preset"):
        applications.DateTranslator.from_preset(3)
    with pytest.raises(TypeError, match="card"):
        applications.UNet(filters=2).save_to_preset(folder, card="a card")


@pytest.mark.slow
def test_the_cli_lists_the_presets():
    result = subprocess.run(
        [sys.executable, "-m", "keras_course.cli", "list", "--presets"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for name, class_name in SHIPPED.items():
        assert f'{class_name}.from_preset("{name}")' in result.stdout


def test_the_training_script_names_every_shipped_preset():
    script = pathlib.Path(__file__).resolve().parents[2] / "benchmarks"
    text = (script / "train_presets.py").read_text()
    for name in SHIPPED:
        assert f'"{name}":' in text
