"""Writes the benchmarks page's tables from the JSON records in results/.

Each table is a function of committed records; `docs/generated/<name>.rst`
holds its output and the benchmarks page includes it, so a table cannot
drift from its record: `tests/test_benchmark_tables.py` fails when a
committed table differs from what its records give. After a benchmark writes
a new record:

    python benchmarks/tables.py          # rewrite docs/generated/
    python benchmarks/tables.py --check  # exit 1 if a table is stale

Tables generated so far: the DLS C4W1 models and TiP C3W2's subwords (the
older tables on the page are still written by hand from the scripts'
printed output).
"""

import argparse
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GENERATED = ROOT / "docs" / "generated"


def _record(name):
    return json.loads((RESULTS / f"{name}.json").read_text())


def _spread(values):
    """`median (min–max)` to three decimals."""
    values = np.asarray(values, "float64")
    return f"{np.median(values):.3f} ({values.min():.3f}–{values.max():.3f})"


def _seeds(runs):
    seeds = [r["seed"] for r in runs]
    return f"seeds {min(seeds)}-{max(seeds)}"


def _list_table(header, rows):
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        lines.append(f"   * - {row[0]}")
        lines += [f"     - {cell}" for cell in row[1:]]
    return "\n".join(lines) + "\n"


def convolution_models():
    happy = _record("convolution_models_happy_seeds0-9")["results"][
        "HappyHouseClassifier"
    ]
    signs = _record("convolution_models_seeds0-4_signs_1e-3")["results"][
        "SignsClassifier"
    ]
    held_out = _record("convolution_models_seeds5-9")["results"]["SignsClassifier"]
    course = _record("convolution_models_seeds0-4_course_rate")["results"][
        "SignsClassifier"
    ]
    chance = sum(r["accuracy"] < 0.3 for r in course)

    def majority(runs):
        return f"{np.median([r['majority'] for r in runs]):.2f}"

    rows = [
        ("``HappyHouseClassifier()``, 10 epochs, batch 16",
         "``synthetic_happy_faces`` (600 / 150)",
         f"{_spread([r['accuracy'] for r in happy])}, {_seeds(happy)}",
         majority(happy)),
        ("``SignsClassifier()`` (Adam 1e-3), 100 epochs, batch 64",
         "``synthetic_signs`` (1,080 / 120)",
         f"{_spread([r['accuracy'] for r in signs])}, {_seeds(signs)}; held out, "
         f"{_seeds(held_out)}: {_spread([r['accuracy'] for r in held_out])}",
         majority(signs)),
        ("``SignsClassifier(optimizer=Adam(0.01))``, the course's rate",
         "the same",
         f"{_spread([r['accuracy'] for r in course])}, {_seeds(course)}: "
         f"{chance} of {len(course)} at chance",
         majority(course)),
    ]  # fmt: skip
    header = ("model, recipe", "data (train / test)",
              "test accuracy, median (range)", "majority class")  # fmt: skip
    return _list_table(header, rows)


def subword_sentiment():
    record = _record("subword_sentiment")
    rows = []
    for corpus, runs in record["corpora"].items():
        cells = [f"{corpus} ({len(runs)} seeds)"]
        for encoding in ("words", "subwords"):
            accuracy = [r[encoding]["accuracy"] for r in runs]
            lengths = [r[encoding]["length"] for r in runs]
            cells.append(
                f"{_spread(accuracy)}, length {min(lengths):,}–{max(lengths):,}"
            )
        cells.append(f"{np.median([r['majority'] for r in runs]):.3f}")
        rows.append(cells)
    header = ("corpus", "words", "subwords", "majority class")
    return _list_table(header, rows)


TABLES = {"convolution_models": convolution_models,
          "subword_sentiment": subword_sentiment}  # fmt: skip


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for name, table in TABLES.items():
        path = GENERATED / f"{name}.rst"
        text = table()
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(f"docs/generated/{name}.rst")
        else:
            GENERATED.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    for path in stale:
        print(f"stale: {path} (run python benchmarks/tables.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
