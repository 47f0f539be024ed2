"""Pixel-compare the theme's pages before and after a change.

    python dev/compare_screenshots.py [--base REV] [--lessons example,sample,theme]
                                      [--out DIR] [--quick]
    python dev/compare_screenshots.py --sites BASE_HTML HEAD_HTML --pages a.html,b.html

Builds the same lessons twice, once with the package as committed at ``--base``
(default: the commit where the branch left ``main``, so that later merges into
``main`` do not count; exported with ``git archive`` into a temporary folder) and
once with the working tree, serves both sites on 127.0.0.1 and takes
full-page screenshots of the same pages with Playwright and Debian's Chromium
(/usr/bin/chromium; never ``playwright install``):

* lessons: ``example`` = example-lesson/; ``sample`` = the shared bench
  lesson (``$SAMPLE_LESSON``, default /work/shared/bench/sample-lesson, built
  with ``LESSON_THEME=sphinx_refinery``); ``theme`` = tests/roots/test-theme
  (every block kind, docutils constructs, external links);
* pages: home, schedule, episodes with exercises, solutions, quiz, tabs and
  code, the instructor view, the search page with a query, ...
  (``PAGES``);
* each at 1280x800 and 390x844, ``color_scheme`` light and dark, JavaScript
  on and off (without it, the search page shows its notice), plus print media for
  ``PRINT_PAGES`` (JavaScript on and off), plus a few states
  reached by clicking (``ACTIONS``: the open phone drawer, the scheme toggle,
  an open solution, a second tab, a quiz answer, projector mode).

Screenshots are taken with animations disabled, the caret hidden and
Chromium's partial raster off (``CHROMIUM_ARGS``: with it, the same page gave
1/255 differences in anti-aliased corners from one shot to the next).  Each
pair is compared pixel by pixel (Pillow ``ImageChops.difference``); a pair
differs when the sizes differ or any pixel does.  Differing pairs are written
to ``--out`` (``NAME-base.png``, ``NAME-head.png``, ``NAME-diff.png``, the
difference amplified) so that they can be looked at.  Exit status 0 when
every pair is identical, 1 otherwise.  ``--quick`` shoots 1280 px light and
390 px dark only (JavaScript on), for a fast check while working.  ``--sites``
compares two sites built elsewhere (e.g. a real lesson built with two
snapshots by the corpus harness) on the ``--pages`` given, without building.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = Path(os.environ.get("SAMPLE_LESSON", "/work/shared/bench/sample-lesson"))
LESSONS = {
    "example": REPO / "example-lesson",
    "sample": SAMPLE,
    "theme": REPO / "tests" / "roots" / "test-theme",
}
#: Per lesson, the pages to shoot: name -> path (and query).
PAGES = {
    "example": {
        "home": "index.html",
        "episode": "episodes/02-variables-and-loops.html",
        "episode3": "episodes/03-safe-scripts.html",
        "setup-tabs": "setup.html",
        "exercises": "exercises.html",
        "instructor": "instructor/episodes/02-variables-and-loops.html",
        "guide": "instructor/guide.html",
        "glossary": "glossary.html",
        "search": "search.html?q=loop",
        "genindex": "genindex.html",
    },
    "sample": {
        "home": "index.html",
        "episode": "episodes/02-pytest.html",
        "ci": "episodes/03-ci.html",
        "glossary": "glossary.html",
        "search": "search.html?q=pytest",
    },
    "theme": {
        "home": "index.html",
        "blocks": "episodes/01-blocks.html",
        "code": "episodes/02-code.html",
        "wide": "episodes/03-wide.html",
        "reference": "reference.html",
    },
}
#: Pages also shot with print media (lesson, page name).
PRINT_PAGES = (("example", "episode"), ("sample", "episode"))
#: Partial raster repaints a tile over its old pixels: the anti-aliased corners
#: of the sticky header's buttons then came out 1/255 apart from one
#: screenshot of the same page to the next.  Without it, shots are repeatable.
CHROMIUM_ARGS = ["--disable-partial-raster"]
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Shot:
    """One screenshot to take of both sites."""

    lesson: str
    path: str
    name: str
    size: str
    scheme: str
    js: bool
    media: str = "screen"
    action: str = ""


def _click(selector: str) -> Callable[[object], None]:
    def act(page: object) -> None:
        page.locator(selector).first.click()  # type: ignore[attr-defined]

    return act


#: Clicked states: name -> (lesson, page name, size, JavaScript, what to do).
ACTIONS: dict[str, tuple[str, str, str, bool, Callable[[object], None]]] = {
    "drawer": ("example", "episode", "phone", False, _click("label.nav-button")),
    "drawer-js": ("sample", "episode", "phone", True, _click("label.nav-button")),
    "scheme": ("example", "episode", "desktop", True, _click(".scheme-toggle")),
    "solution": ("example", "episode", "desktop", True, _click("details.solution > summary")),
    "tab": ("example", "setup-tabs", "desktop", True, _click(".refinery-tab >> nth=1")),
    "quiz": ("example", "episode", "desktop", True, _click(".refinery-quiz input >> nth=0")),
    "projector": ("example", "episode", "desktop", True, _click(".projector-toggle")),
}


def shots(lessons: list[str], quick: bool) -> Iterator[Shot]:
    for lesson in lessons:
        for name, path in PAGES[lesson].items():
            for size in SIZES:
                for scheme in SCHEMES:
                    for js in (True, False):
                        if quick and (not js or (size == "desktop") != (scheme == "light")):
                            continue
                        yield Shot(lesson, path, name, size, scheme, js)
    for lesson, name in PRINT_PAGES:
        if lesson in lessons:
            for js in (True, False):
                yield Shot(lesson, PAGES[lesson][name], name, "desktop", "light", js, "print")
    for action, (lesson, name, size, js, _act) in ACTIONS.items():
        if lesson in lessons:
            for scheme in SCHEMES:
                yield Shot(lesson, PAGES[lesson][name], name, size, scheme, js, action=action)


def label(shot: Shot) -> str:
    parts = [shot.lesson, shot.name, shot.size, shot.scheme, "js" if shot.js else "nojs"]
    if shot.media != "screen":
        parts.append(shot.media)
    if shot.action:
        parts.append(shot.action)
    return "-".join(parts)


def merge_base() -> str:
    """Where the working tree's branch left ``main`` (the commit it started from)."""
    command = ["git", "-C", str(REPO), "merge-base", "HEAD", "main"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()[:12]


def export_base(rev: str, into: Path) -> Path:
    """The package as committed at ``rev``, in ``into`` (for PYTHONPATH)."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "sphinx_refinery"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def build(package_root: Path, lesson: str, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(package_root), "LESSON_THEME": "sphinx_refinery"}
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / ".doctrees")]
    subprocess.run([*command, str(LESSONS[lesson]), str(out)], check=True, env=env)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def take(browser: object, base_url: str, shot: Shot) -> bytes:
    width, height = SIZES[shot.size]
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": width, "height": height},
        color_scheme=shot.scheme,
        java_script_enabled=shot.js,
    )
    try:
        page = context.new_page()
        page.emulate_media(media=shot.media)
        page.goto(base_url + shot.path, wait_until="networkidle")
        if "search.html?q=" in shot.path and shot.js:
            page.wait_for_function(
                "document.querySelector('#search-results p.search-summary') !== null"
            )
        if shot.action:
            ACTIONS[shot.action][-1](page)
            page.wait_for_timeout(100)
        if shot.js:
            page.evaluate("document.fonts.ready.then(() => true)")
        return page.screenshot(full_page=True, animations="disabled", caret="hide")
    finally:
        context.close()


def differ(base_png: bytes, head_png: bytes, out: Path, name: str) -> str:
    """An empty string when the images are identical, else what differs (images saved)."""
    import io

    from PIL import Image, ImageChops

    base = Image.open(io.BytesIO(base_png)).convert("RGB")
    head = Image.open(io.BytesIO(head_png)).convert("RGB")
    if base.size == head.size:
        box = ImageChops.difference(base, head).getbbox()
        if box is None:
            return ""
        what = f"pixels differ in box {box}"
    else:
        what = f"size {base.size} -> {head.size}"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}-base.png").write_bytes(base_png)
    (out / f"{name}-head.png").write_bytes(head_png)
    if base.size == head.size:
        diff = ImageChops.difference(base, head).point(lambda v: 255 if v else 0)
        diff.save(out / f"{name}-diff.png")
    return what


def compare(base_site: Path, head_site: Path, todo: list[Shot], out: Path) -> list[str]:
    """Shoot every ``Shot`` of both sites (lesson folders inside them); what differs."""
    from playwright.sync_api import sync_playwright

    differing = []
    with (
        serve(base_site) as base_url,
        serve(head_site) as head_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for shot in todo:
            folder = f"{shot.lesson}/" if shot.lesson != "site" else ""
            base_png = take(browser, base_url + folder, shot)
            head_png = take(browser, head_url + folder, shot)
            if what := differ(base_png, head_png, out, label(shot)):
                differing.append(f"{label(shot)}: {what}")
                print(f"DIFFERS {label(shot)}: {what}", flush=True)
        browser.close()
    return differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base", help="git revision to compare with (default: where HEAD left main)"
    )
    parser.add_argument("--lessons", default=",".join(LESSONS), help="comma-separated")
    parser.add_argument("--out", type=Path, default=REPO / "_screenshot-diffs")
    parser.add_argument("--quick", action="store_true", help="fewer shots, JavaScript on")
    parser.add_argument(
        "--sites", nargs=2, type=Path, metavar=("BASE", "HEAD"), help="compare two built sites"
    )
    parser.add_argument("--pages", default="index.html", help="with --sites: comma-separated")
    args = parser.parse_args()
    lessons = [name for name in args.lessons.split(",") if name]
    if unknown := set(lessons) - set(LESSONS):
        parser.error(f"unknown lessons {sorted(unknown)}; choose from {', '.join(LESSONS)}")
    if not CHROMIUM.exists():
        parser.error(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    if args.sites:
        paths = [p for p in args.pages.split(",") if p]
        names = [p.partition("?")[0].removesuffix(".html").replace("/", "~") for p in paths]
        PAGES["site"] = dict(zip(names, paths, strict=True))
        todo = list(shots(["site"], args.quick))
        differing = compare(*args.sites, todo, args.out)
        what = f"{args.sites[0]} vs {args.sites[1]}"
    else:
        todo = list(shots(lessons, args.quick))
        args.base = args.base or merge_base()
        with tempfile.TemporaryDirectory() as tmp:
            roots = {"base": export_base(args.base, Path(tmp) / "base-package"), "head": REPO}
            for version, root in roots.items():
                for lesson in lessons:
                    build(root, lesson, Path(tmp) / version / lesson)
            differing = compare(Path(tmp) / "base", Path(tmp) / "head", todo, args.out)
        what = f"{args.base} vs working tree"
    same = len(todo) - len(differing)
    print(f"{len(todo)} pairs compared ({what}): {same} identical")
    if differing:
        print(f"{len(differing)} differ; images in {args.out}")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
