"""Small helpers for reading build output in tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def page(app, docname: str) -> BeautifulSoup:
    """The parsed HTML page of ``docname`` from an html build."""
    return soup(Path(app.outdir) / f"{docname}.html")


def normalized_text(text: str) -> str:
    """Collapse whitespace, for 'every sentence is in the output' checks."""
    return " ".join(text.split())


def rewrite(path: Path, text: str) -> None:
    """Write ``text`` and date the file a second ahead.

    File systems stamp files with a coarse clock; a file edited right after a
    build could otherwise look older than the build that read it.
    """
    import os
    import time

    path.write_text(text, encoding="utf-8")
    later = time.time() + 1
    os.utime(path, (later, later))


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
