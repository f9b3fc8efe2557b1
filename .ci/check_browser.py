"""Opens every page of the built docs in a real headless browser (Chromium).

What `check_site.py` resolves by reading the HTML, this checks as a reader's
browser renders it: each page loads and has a title, the theme's stylesheet
and script took effect (the body is not in the browser's default serif font,
and the theme set `data-theme` on the page), and every image on the page
decoded to a picture (lazy images are loaded first). One browser run walks
all pages in an iframe from a generated harness page and writes its findings
into that page, which `--dump-dom` prints.

    python .ci/check_browser.py BUILD_DIR   # exit 1 and a list on problems
    python .ci/check_browser.py --self-test # a small site with known faults

The browser: `chromium-headless-shell` or `chromium` on PATH (Debian:
`apt-get install chromium-headless-shell`), or `$CHROMIUM`.
"""

import html
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HARNESS = "_browser_check.html"
SCRIPT = r"""
const pages = __PAGES__;
const frame = document.getElementById("frame");
const out = [];
function loaded(img) {
  return new Promise((done) => {
    if (img.complete) return done();
    img.addEventListener("load", done, { once: true });
    img.addEventListener("error", done, { once: true });
  });
}
async function check(page) {
  await new Promise((done) => {
    frame.onload = done;
    frame.src = page;
  });
  const doc = frame.contentDocument;
  if (!doc || !doc.body) return { page, problems: ["the page did not load"] };
  const problems = [];
  if (!doc.title.trim()) problems.push("no title");
  const font = frame.contentWindow.getComputedStyle(doc.body).fontFamily;
  if (/times/i.test(font) || font === "") problems.push(`default font (${font})`);
  if (!doc.documentElement.dataset.theme) {
    problems.push("the theme's script did not run");
  }
  const images = [...doc.images];
  for (const img of images) img.loading = "eager";
  await Promise.all(images.map(loaded));
  for (const img of images) {
    if (!(img.complete && img.naturalWidth > 0)) {
      problems.push(`image does not render: ${img.getAttribute("src")}`);
    }
  }
  return { page, images: images.length, problems };
}
(async () => {
  for (const page of pages) out.push(await check(page));
  const pre = document.createElement("pre");
  pre.id = "result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


def browser():
    for name in (os.environ.get("CHROMIUM"), "chromium-headless-shell", "chromium"):
        if name and shutil.which(name):
            return shutil.which(name)
    raise SystemExit(
        "No headless browser: install Debian's chromium-headless-shell "
        "(apt-get install chromium-headless-shell) or set $CHROMIUM"
    )


def run(build):
    """`[(page, images, problems)]` for every HTML page under `build`."""
    build = pathlib.Path(build).resolve()
    pages = sorted(
        p.relative_to(build).as_posix()
        for p in build.rglob("*.html")
        if p.name != HARNESS and not {"_sources", "_static"} & set(p.parts)
    )
    harness = build / HARNESS
    harness.write_text(
        '<!doctype html><html><body><iframe id="frame" width="1280" '
        'height="4000"></iframe><script>'
        + SCRIPT.replace("__PAGES__", json.dumps(pages))
        + "</script></body></html>"
    )
    try:
        result = subprocess.run(
            [browser(), "--headless", "--no-sandbox", "--disable-gpu",
             "--allow-file-access-from-files", "--virtual-time-budget=600000",
             "--dump-dom", harness.as_uri()],
            capture_output=True, text=True, timeout=900,
        )  # fmt: skip
    finally:
        harness.unlink()
    found = re.search(r'<pre id="result">(.*?)</pre>', result.stdout, re.S)
    if result.returncode != 0 or not found:
        raise SystemExit(
            f"The browser gave no result (exit {result.returncode}):\n"
            f"{result.stderr[-3000:]}"
        )
    checked = json.loads(html.unescape(found.group(1)))
    if len(checked) != len(pages):
        raise SystemExit(f"The browser checked {len(checked)} of {len(pages)} pages")
    return checked


def self_test():
    """A two-page site: one good page, one with a missing and a corrupt
    image and no stylesheet; only the second must be reported, with all
    three faults."""
    with tempfile.TemporaryDirectory() as folder:
        site = pathlib.Path(folder)
        png = (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00"
            b"\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc"
            b"\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00"
            b"IEND\xaeB`\x82"
        )
        (site / "dot.png").write_bytes(png)
        (site / "broken.png").write_bytes(png[:20])
        (site / "style.css").write_text("body { font-family: sans-serif; }")
        head = '<html data-theme="light"><head><title>t</title>'
        (site / "good.html").write_text(
            head + '<link rel="stylesheet" href="style.css"></head><body>'
            '<img src="dot.png" loading="lazy"></body></html>'
        )
        (site / "bad.html").write_text(
            '<html><head><title>t</title></head><body><img src="dot.png">'
            '<img src="missing.png"><img src="broken.png"></body></html>'
        )
        checked = {c["page"]: c for c in run(site)}
    assert checked["good.html"]["problems"] == [], checked["good.html"]
    assert checked["good.html"]["images"] == 1
    problems = "\n".join(checked["bad.html"]["problems"])
    for fault in ("missing.png", "broken.png", "default font", "theme's script"):
        assert fault in problems, (fault, problems)
    assert "dot.png" not in problems
    print("browser check self-test: ok")


def main(argv):
    if argv == ["--self-test"]:
        self_test()
        return 0
    if len(argv) != 1:
        raise SystemExit(__doc__)
    checked = run(argv[0])
    bad = [c for c in checked if c["problems"]]
    for c in bad:
        print(f"{c['page']}:")
        for problem in c["problems"]:
            print(f"  {problem}")
    images = sum(c["images"] for c in checked)
    print(
        f"{len(checked)} pages opened in {pathlib.Path(browser()).name}, "
        f"{images} images rendered, {len(bad)} pages with problems"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
