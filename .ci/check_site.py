"""Checks a built Sphinx site: every local link, anchor and image resolves,
and every tutorial shows a figure of its own (sphinx-gallery makes its card's
thumbnail from it; without one the card shows a placeholder).

    python .ci/check_site.py BUILD_DIR

Exits non-zero listing each problem. Reads the HTML files as a browser would
resolve them (relative to the page, fragments as element ids); it does not
run a browser, so it cannot see what scripts draw.
"""

import html.parser
import pathlib
import sys
import urllib.parse


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.images = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("img", "script") and attrs.get("src"):
            self.links.append(attrs["src"])
            if tag == "img":
                self.images.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.links.append(attrs["href"])


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def problems(root):
    """The list of problems found in the site built under `root`."""
    root = pathlib.Path(root)
    pages = {
        path: _parse(path)
        for path in root.rglob("*.html")
        if "_static" not in path.relative_to(root).parts  # theme templates
    }
    if not pages:
        return [f"no HTML pages under {root}"]
    found = []
    for path, page in pages.items():
        where = path.relative_to(root)
        for link in page.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "data:")):
                continue  # external: not checked offline
            target = path if not parts.path else (path.parent / parts.path)
            target = pathlib.Path(urllib.parse.unquote(str(target.resolve())))
            if not target.exists():
                found.append(f"{where}: broken link {link!r}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if urllib.parse.unquote(parts.fragment) not in ids:
                    found.append(f"{where}: no anchor for {link!r}")
    gallery = root / "auto_tutorials"
    for path, page in pages.items():
        if path.parent != gallery or not path.name.startswith("plot_"):
            continue
        if not any("sphx_glr_" in src for src in page.images):
            found.append(f"{path.relative_to(root)}: the tutorial shows no figure")
    return found


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    found = problems(argv[1])
    for problem in found:
        print(problem)
    print(f"site check: {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
