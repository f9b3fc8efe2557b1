"""The benchmarks page's generated tables and the README's measured numbers
match their records."""

import importlib.util
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("tables", ROOT / "benchmarks/tables.py")
tables = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tables)


def test_every_generated_table_is_what_its_records_give():
    for name, table in tables.TABLES.items():
        committed = (ROOT / "docs" / "generated" / f"{name}.rst").read_text()
        assert committed == table(), f"{name}: run python benchmarks/tables.py"
        pages = "".join(p.read_text() for p in (ROOT / "docs").glob("*.rst"))
        assert f".. include:: generated/{name}.rst" in pages, name


def test_the_readme_numbers_are_what_the_records_give():
    readme = (ROOT / "README.md").read_text()
    assert readme == tables._with_readme_speed(readme), "run benchmarks/tables.py"
    for name, cell in tables.readme_measured().items():
        assert f"| `{name}` |" in readme and cell in readme, name
    records = {r["benchmark"]: r for r in tables.speed_records()}
    for name in tables.README_SPEED:
        (row,) = [r for r in records[name]["rows"] if "headline" in r]
        assert row["headline"].replace("``", "`") in readme, name


def test_a_changed_record_makes_the_check_fail(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "GENERATED", tmp_path)
    (tmp_path / "subword_sentiment.rst").write_text("an old table\n")
    assert tables.main(["--check"]) == 1
    tables.main([])
    assert tables.main(["--check"]) == 0


def test_a_changed_speed_record_changes_the_readme(tmp_path, monkeypatch):
    record = json.loads((tables.RESULTS / "speed_forecast.json").read_text())
    headline = next(r for r in record["rows"] if "headline" in r)
    headline["seconds"]["course"] = [s * 2 for s in headline["seconds"]["course"]]
    results = tmp_path / "results"
    results.mkdir()
    for path in tables.RESULTS.iterdir():
        (results / path.name).write_bytes(path.read_bytes())
    (results / "speed_forecast.json").write_text(json.dumps(record))
    readme = (ROOT / "README.md").read_text()
    monkeypatch.setattr(tables, "RESULTS", results)
    assert tables._with_readme_speed(readme) != readme


def test_ratios_read_as_medians_with_the_widest_range():
    assert tables._ratio([10.0], [2.0]) == "5x"
    # medians 20 / 2 = 10x; slowest 30 against fastest 1: 30x; 10 / 4: 2.5x
    assert tables._ratio([10.0, 20.0, 30.0], [1.0, 2.0, 4.0]) == "10x (2.5x–30x)"
    assert tables._ratio([3000.0], [1.0]) == "3,000x"
    assert tables._ratio([0.93], [1.0]) == "0.93x"
    assert tables._seconds([0.5, 0.25, 1.0]) == "0.5 s (0.25–1)"
