"""Helpers for building test roots and reading their output."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# -- building --------------------------------------------------------------------------


def warnings_of(app) -> str:
    """The build's warnings without colour codes."""
    return ANSI.sub("", app.warning.getvalue()).strip()


def run_build(app, *, strict: bool = True, **kwargs: Any):
    """Build ``app``; with ``strict``, fail on any warning (the ``-W`` of the tests).

    The app's global docutils registrations are undone afterwards, so a test
    may build several apps in turn (clean against incremental, -j 2 against -j 1).
    """
    try:
        app.build(**kwargs)
    finally:
        app.cleanup()
    if strict:
        warnings = warnings_of(app)
        assert not warnings, f"build warned:\n{warnings}"
    return app


def root_path(root: str | Path) -> Path:
    """``tests/roots/test-NAME`` for a name, or the folder given."""
    return root if isinstance(root, Path) else ROOTS / f"test-{root}"


def copy_sources(src: Path, dest: Path) -> Path:
    """A copy of a source folder, without the output of earlier builds."""
    return Path(shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_build")))


def build_once(tmp_path_factory, root: str, buildername: str = "html") -> Iterator[Any]:
    """A build of a copy of test root ``root`` shared by a module's tests
    (``yield from`` it in a module-scoped fixture); fails on any warning."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = copy_sources(root_path(root), tmp_path_factory.mktemp(root) / "src")
    app = SphinxTestApp(buildername, srcdir=srcdir)
    try:
        yield run_build(app)
    finally:
        app.cleanup()


def make_pdf(latex_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run the Makefile Sphinx wrote into a LaTeX output folder (latexmk),
    stopping at the first TeX error."""
    return subprocess.run(
        ["make", "-C", str(latex_dir), "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


class Built:
    """A finished build: the app, and its output read as tests want it."""

    def __init__(self, app) -> None:
        self.app = app
        self.srcdir = Path(app.srcdir)
        self.outdir = Path(app.outdir)

    @property
    def warnings(self) -> str:
        return warnings_of(self.app)

    @property
    def env(self):
        return self.app.env

    @property
    def config(self):
        return self.app.config

    @property
    def builder(self):
        return self.app.builder

    def page(self, docname: str) -> BeautifulSoup:
        """The parsed HTML page of ``docname``."""
        return page(self, docname)

    def text(self, name: str) -> str:
        """The text of an output file, by its path under the output folder."""
        return (self.outdir / name).read_text(encoding="utf-8")


class Sources:
    """A test root copied to a folder of its own, to edit and to build (again)."""

    def __init__(self, make_app: Callable[..., Any], srcdir: Path) -> None:
        self.make_app = make_app
        self.srcdir = srcdir

    def __truediv__(self, name: str) -> Path:
        return self.srcdir / name

    def app(self, buildername: str = "html", **kwargs: Any):
        """An app for these sources, not built yet (to connect a handler first):
        ``make_app(buildername, srcdir=..., **kwargs)`` (``confoverrides``, ``parallel``, ...)."""
        return self.make_app(buildername, srcdir=self.srcdir, **kwargs)

    def build(self, buildername: str = "html", *, strict: bool = True, **kwargs: Any) -> Built:
        """Build :meth:`app`; with ``strict`` (the default) fail on any warning."""
        return Built(run_build(self.app(buildername, **kwargs), strict=strict))


# -- reading the output ------------------------------------------------------------------


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def page(app, docname: str) -> BeautifulSoup:
    """The parsed HTML page of ``docname`` from an html build (an app or a :class:`Built`)."""
    return soup(Path(app.outdir) / f"{docname}.html")


def normalized_text(text: str) -> str:
    """Collapse whitespace, for 'every sentence is in the output' checks."""
    return " ".join(text.split())


def exercise_titles(html: BeautifulSoup, separator: str = " ") -> list[str]:
    """The titles of the page's exercise blocks, in order."""
    return [
        t.get_text(separator, strip=True) for t in html.select("div.exercise > .admonition-title")
    ]


def html_pages(outdir: Path) -> dict[str, str]:
    """Every HTML page of a build but the theme's static files, by path."""
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
        if "_static" not in path.parts
    }


def site_files(outdir: Path) -> dict[str, bytes]:
    """Every output file but the pickled doctrees, by path."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def without_empty_search_terms(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files with the search index's empty term lists dropped.

    Sphinx's incremental index keeps a word whose last page is gone, with an
    empty page list (``"first": []``); a clean build has no such word.  Both
    find the same pages, so the comparison leaves those entries out.
    """
    files = dict(files)
    for name in search_indexes(files):  # the root's and the second view's
        prefix, _, rest = files[name].decode().partition("(")
        index = json.loads(rest[: rest.rindex(")")])
        for key in ("terms", "titleterms"):
            index[key] = {word: pages for word, pages in index[key].items() if pages != []}
        dumped = json.dumps(index, sort_keys=True, separators=(",", ":"))
        files[name] = f"{prefix}({dumped})".encode()
    return files


def search_indexes(files: dict[str, bytes]) -> list[str]:
    """The search indexes among ``files``: ``searchindex.js`` of each view."""
    return [name for name in files if name.rpartition("/")[2] == "searchindex.js"]


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    """Files of ``expected`` that ``actual`` lacks or has with other bytes."""
    return [name for name, data in expected.items() if actual.get(name) != data]


def the_one_problem(result, text: str, line: int, *words: str):
    """A converter's ``result`` has ``text`` and one problem, at ``line``, naming ``words``."""
    assert result.text == text
    [problem] = result.problems
    assert problem.line == line
    for word in words:
        assert word in problem.message
    return problem


# -- editing sources ---------------------------------------------------------------------


def rewrite(path: Path, text: str) -> None:
    """Write ``text`` and date the file a second ahead.

    File systems stamp files with a coarse clock; a file edited right after a
    build could otherwise look older than the build that read it.
    """
    path.write_text(text, encoding="utf-8")
    later = time.time() + 1
    os.utime(path, (later, later))


def touch(path: Path) -> None:
    """Date a source later without changing it."""
    rewrite(path, path.read_text(encoding="utf-8"))


# -- sphinx-build and a browser ----------------------------------------------------------


def sphinx_build(src: Path, out: Path, doctrees: Path) -> Path:
    """Build ``src`` to ``out`` as ``sphinx-build -W -q -b html`` does (warnings are errors)."""
    from sphinx.cmd.build import build_main

    status = build_main(["-W", "-q", "-b", "html", "-d", str(doctrees), str(src), str(out)])
    assert status == 0
    return out


def build_root_site(tmp_path_factory, root: str) -> Path:
    """``tests/roots/<root>`` copied and built once as HTML (warnings are errors)."""
    base = tmp_path_factory.mktemp(root)
    src = copy_sources(ROOTS / root, base / "src")
    return sphinx_build(src, base / "html", base / "doctrees")


def served_root_site(tmp_path_factory, root: str) -> Iterator[str]:
    """The address of :func:`build_root_site`'s site, served while the caller (a
    module-scoped fixture that ``yield from`` it) lasts."""
    with serve(build_root_site(tmp_path_factory, root)) as url:
        yield url


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> Iterator:
    """Headless Chromium through Playwright, for a module-scoped ``browser`` fixture;
    skips the tests when either is missing."""
    import pytest

    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) while in the block."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_page(url: str) -> str | None:
    """The text at ``url``, or None when nothing answers or the answer is cut short
    (a server may send a page while the build is still writing it)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return None


def wait_until_served(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    """Wait until ``url`` answers; fail if ``server`` stops or ``seconds`` pass first."""
    deadline = time.monotonic() + seconds
    while get_page(url) is None:
        assert server.poll() is None, "serve stopped"
        assert time.monotonic() < deadline, "serve never answered"
        time.sleep(0.2)


def processes_mentioning(text: str) -> list[int]:
    """The ids of the processes (but this one) whose command line holds ``text``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in cmdline:
            found.append(int(proc.name))
    return found
