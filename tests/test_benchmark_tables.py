"""The benchmarks page's generated tables match their JSON records."""

import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("tables", ROOT / "benchmarks/tables.py")
tables = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tables)


def test_every_generated_table_is_what_its_records_give():
    for name, table in tables.TABLES.items():
        committed = (ROOT / "docs" / "generated" / f"{name}.rst").read_text()
        assert committed == table(), f"{name}: run python benchmarks/tables.py"
        assert f"generated/{name}.rst" in (ROOT / "docs/benchmarks.rst").read_text()


def test_a_changed_record_makes_the_check_fail(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "GENERATED", tmp_path)
    (tmp_path / "subword_sentiment.rst").write_text("an old table\n")
    assert tables.main(["--check"]) == 1
    tables.main([])
    assert tables.main(["--check"]) == 0
