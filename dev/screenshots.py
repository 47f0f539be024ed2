"""Screenshots of the example lesson, to look at before changing what people see.

    python dev/screenshots.py [--out DIR] [--pdf] [--pages episode,search]

Builds example-lesson/ (HTML, and with --pdf the PDF), serves it on
127.0.0.1 and writes PNGs of its key pages at desktop (1280x800) and phone
(390x844) sizes, light and dark, with JavaScript on and off, as
``DIR/<page>-<size>-<scheme>-<js>.png`` (full page). With --pdf, the first
PDF pages too (``DIR/pdf-N.png``, by pdftoppm). Needs Debian's Chromium at
/usr/bin/chromium and Playwright for Python (the test extra).
"""

from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "example-lesson"
CHROMIUM = Path("/usr/bin/chromium")
#: Page name -> the path (and query) to open; "projector" presses the toggle.
PAGES = {
    "episode": "episodes/02-variables-and-loops.html",
    "exercises": "exercises.html",
    "schedule": "index.html",
    "instructor": "instructor/episodes/02-variables-and-loops.html",
    "guide": "instructor/guide.html",
    "instructor-setup": "instructor/setup.html",
    "search": "search.html?q=loop",
    "instructor-search": "instructor/search.html?q=loop",
    "projector": "episodes/02-variables-and-loops.html",
}
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def build(outdir: Path, builder: str) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", builder, str(EXAMPLE), str(outdir)]
    subprocess.run(command, check=True)


def shoot(site: Path, out: Path, pages: list[str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
            for name in pages:
                for size, (width, height) in SIZES.items():
                    for scheme in SCHEMES:
                        for js in (True, False):
                            if name in ("projector", "search", "instructor-search") and not js:
                                continue  # both need JavaScript
                            context = browser.new_context(
                                viewport={"width": width, "height": height},
                                color_scheme=scheme,
                                java_script_enabled=js,
                            )
                            page = context.new_page()
                            page.goto(base + PAGES[name], wait_until="networkidle")
                            toggle = page.locator(".projector-toggle")
                            if name == "projector" and not toggle.is_visible():
                                context.close()
                                continue  # no projector mode on a phone
                            if name == "projector":
                                toggle.click()
                            path = out / f"{name}-{size}-{scheme}-{'js' if js else 'nojs'}.png"
                            page.screenshot(path=str(path), full_page=True)
                            written.append(path)
                            context.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def pdf_pages(latex_dir: Path, out: Path, count: int) -> list[Path]:
    subprocess.run(["make", "-C", str(latex_dir), "all-pdf"], check=True, capture_output=True)
    pdf = next(latex_dir.glob("*.pdf"))
    prefix = out / "pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(count), str(pdf), str(prefix)],
        check=True,
    )
    return sorted(out.glob("pdf-*.png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "_screenshots")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--pdf", action="store_true", help="also the first PDF pages")
    parser.add_argument("--pdf-pages", type=int, default=8)
    args = parser.parse_args()
    pages = [name for name in args.pages.split(",") if name]
    unknown = set(pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages {sorted(unknown)}; choose from {', '.join(PAGES)}")
    if not CHROMIUM.exists():
        parser.error(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "html"
        build(site, "html")
        written = shoot(site, args.out, pages)
        if args.pdf:
            if not (shutil.which("latexmk") and shutil.which("pdftoppm")):
                parser.error("--pdf needs latexmk, LuaLaTeX and pdftoppm (poppler-utils)")
            latex = Path(tmp) / "latex"
            build(latex, "latex")
            written += pdf_pages(latex, args.out, args.pdf_pages)
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
