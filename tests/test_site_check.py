"""The CI's check of the built docs (.ci/check_site.py) catches what it says."""

import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("check_site", ROOT / ".ci/check_site.py")
check_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_site)


def _site(tmp_path, pages):
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{body}</body></html>")
    (tmp_path / "_images").mkdir(exist_ok=True)
    (tmp_path / "_images" / "sphx_glr_plot_01_a_001.png").write_bytes(b"png")
    return tmp_path


def test_a_sound_site_passes(tmp_path):
    site = _site(tmp_path, {
        "index.html": '<a href="api.html#f">f</a><a href="https://x.org">x</a>',
        "api.html": '<h1 id="f">f</h1>',
        "auto_tutorials/plot_01_a.html":
            '<img src="../_images/sphx_glr_plot_01_a_001.png"><a href="#top">t</a>'
            '<span id="top"></span>',
    })  # fmt: skip
    assert check_site.problems(site) == []


def test_broken_links_anchors_images_and_figureless_tutorials_fail(tmp_path):
    site = _site(tmp_path, {
        "index.html": '<a href="gone.html">x</a><a href="api.html#nope">y</a>',
        "api.html": '<img src="_images/missing.png">',
        "auto_tutorials/plot_02_b.html": "<p>no figure</p>",
    })  # fmt: skip
    found = "\n".join(check_site.problems(site))
    assert "broken link 'gone.html'" in found
    assert "no anchor for 'api.html#nope'" in found
    assert "broken link '_images/missing.png'" in found
    assert "plot_02_b.html: the tutorial shows no figure" in found
    assert check_site.main(["check_site", str(site)]) == 1
