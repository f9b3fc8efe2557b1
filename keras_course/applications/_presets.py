"""Presets: an application's config and trained weights in one folder.

The layout is keras-hub's: `config.json` (the serialized model),
`model.weights.h5`, `metadata.json` (the class, the versions, the parameter
count and the SHA-256 of every other file) and a model card, `README.md`.
The presets trained by `benchmarks/train_presets.py` ship inside the package
under `keras_course/presets/`; a user's own folder loads the same way.
"""

import contextlib
import json
import pathlib
import time

import keras

from keras_course.api_export import keras_course_export
from keras_course.datasets.course_csv import sha256_of
from keras_course.version import __version__

PRESETS = pathlib.Path(__file__).resolve().parents[1] / "presets"
CONFIG, WEIGHTS, METADATA, CARD = (
    "config.json",
    "model.weights.h5",
    "metadata.json",
    "README.md",
)


def _read_json(path):
    try:
        return json.loads(pathlib.Path(path).read_text())
    except (OSError, ValueError) as error:
        raise ValueError(
            f"Preset file {path} is missing or not valid JSON ({error})"
        ) from None


@keras_course_export("keras_course.applications.list_presets")
def list_presets():
    """The presets that ship with keras-course, by name.

    Returns:
        A dict from each preset's name (what `from_preset` takes) to its
        metadata: `class_name`, `parameter_count`, and the model card's
        fields (`description`, `data`, `quality`, ...).

    Example:

    >>> from keras_course.applications import list_presets
    >>> "date_translator_course" in list_presets()
    True
    """
    presets = {}
    for path in sorted(PRESETS.glob(f"*/{METADATA}")):
        presets[path.parent.name] = _read_json(path)
    return presets


def _card_text(name, metadata):
    card = metadata.get("card", {})
    lines = [f"# {name}", "", card.get("description", ""), ""]
    for field, value in card.items():
        if field != "description":
            lines += [f"## {field.replace('_', ' ').capitalize()}", "", str(value), ""]
    lines += [
        "## Files",
        "",
        f"`{metadata['class_name']}`, {metadata['parameter_count']:,} parameters; "
        f"keras-course {metadata['keras_course_version']}, Keras "
        f"{metadata['keras_version']}, saved {metadata['date_saved']}. "
        f"`{METADATA}` holds the SHA-256 of every file, checked at load.",
        "",
    ]
    return "\n".join(lines)


@contextlib.contextmanager
def _without_optimizer(model):
    """The model's weights alone in Keras's weights file: it would also
    hold the optimizer's variables (an application builds its optimizer
    with the model; Adam's two slots triple the file), which a preset of
    trained weights does not need."""
    optimizer = model.optimizer
    model.optimizer = None
    try:
        yield
    finally:
        model.optimizer = optimizer


def _directory(cls, preset):
    """The folder of `preset`: a shipped preset's name or a folder path."""
    if not isinstance(preset, (str, pathlib.Path)):
        raise TypeError(
            "`preset` must be a preset's name or a folder. Received: "
            f"preset={preset!r:.80} of type {type(preset).__name__}"
        )
    path = pathlib.Path(preset)
    if (path / METADATA).is_file():
        return path
    shipped = PRESETS / str(preset)
    if path.name == str(preset) and (shipped / METADATA).is_file():
        return shipped
    names = [n for n, m in list_presets().items() if m["class_name"] == cls.__name__]
    raise ValueError(
        f"Unknown preset for {cls.__name__}: neither a shipped preset "
        f"({', '.join(names) or 'none ship for it'}) nor a folder holding "
        f"{METADATA}. Received: preset={preset!r}"
    )


class PresetMixin:
    """`save_to_preset` and `from_preset` for an application (a subclassed
    `keras.Model` whose `get_config` rebuilds it)."""

    def save_to_preset(self, directory, card=None):
        """Saves this model as a preset folder that `from_preset` loads.

        Writes `config.json`, `model.weights.h5`, a model card `README.md`
        and `metadata.json` (the class, versions, parameter count and each
        file's SHA-256), creating `directory` if needed.

        Args:
            directory: str or path, the folder (files in it are replaced).
            card: dict or None, the model card's fields, each a string:
                `description` first, then for instance `data`, `recipe`,
                `quality`, `limitations`; kept in `metadata.json` and
                written out as `README.md`.

        Example:

        >>> import tempfile
        >>> from keras_course.applications import CharLanguageModel
        >>> model = CharLanguageModel.from_names(["anna", "bob"])
        >>> folder = tempfile.mkdtemp()
        >>> model.save_to_preset(folder, card={"description": "two names"})
        >>> type(CharLanguageModel.from_preset(folder)).__name__
        'CharLanguageModel'
        """
        if card is not None and not (
            isinstance(card, dict) and all(isinstance(v, str) for v in card.values())
        ):
            raise TypeError(
                "`card` must be a dict of strings (the model card's fields). "
                f"Received: card={card!r:.80}"
            )
        directory = pathlib.Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        config = keras.saving.serialize_keras_object(self)
        (directory / CONFIG).write_text(json.dumps(config, indent=1) + "\n")
        with _without_optimizer(self):
            self.save_weights(directory / WEIGHTS)
        metadata = {
            "class_name": type(self).__name__,
            "keras_course_version": __version__,
            "keras_version": keras.version(),
            "parameter_count": int(self.count_params()),
            "date_saved": time.strftime("%Y-%m-%d"),
            "card": dict(card or {"description": f"A {type(self).__name__}."}),
        }
        (directory / CARD).write_text(_card_text(directory.name, metadata))
        metadata["files"] = {
            name: sha256_of(directory / name) for name in (CONFIG, WEIGHTS, CARD)
        }
        (directory / METADATA).write_text(json.dumps(metadata, indent=1) + "\n")

    @classmethod
    def from_preset(cls, preset):
        """A model rebuilt from a preset: its config, then its weights.

        Every file is checked against the SHA-256 its `metadata.json`
        records before anything is built, so a corrupt or truncated preset
        raises a `ValueError` naming the file, never a half-loaded model.
        The config loads with `safe_mode=True`.

        Args:
            preset: str or path, the name of a shipped preset (see
                `keras_course.applications.list_presets()`) or a folder
                written by `save_to_preset`.

        Returns:
            The model, of this class.

        Example:

        >>> from keras_course.applications import DateTranslator
        >>> model = DateTranslator.from_preset("date_translator_course")
        >>> model.translate(["3 may 1979"])
        ['1979-05-03']
        """
        directory = _directory(cls, preset)
        metadata = _read_json(directory / METADATA)
        if metadata.get("class_name") != cls.__name__:
            raise ValueError(
                f"The preset at {directory} holds a {metadata.get('class_name')}, "
                f"not a {cls.__name__}: call "
                f"{metadata.get('class_name')}.from_preset. Received: "
                f"preset={preset!r}"
            )
        files = metadata.get("files", {})
        for name in (CONFIG, WEIGHTS):
            if name not in files:
                raise ValueError(
                    f"{directory / METADATA} records no checksum of {name}"
                )
        for name, expected in files.items():
            path = directory / name
            if not path.is_file():
                raise ValueError(f"Preset file {path} is missing")
            if sha256_of(path) != expected:
                raise ValueError(
                    f"Preset file {path} is corrupt or truncated: its SHA-256 is "
                    f"not the one {METADATA} records"
                )
        config = _read_json(directory / CONFIG)
        model = keras.saving.deserialize_keras_object(config, safe_mode=True)
        if type(model) is not cls:
            raise ValueError(
                f"{directory / CONFIG} builds a {type(model).__name__}, not a "
                f"{cls.__name__}"
            )
        with _without_optimizer(model):
            model.load_weights(directory / WEIGHTS)
        return model
