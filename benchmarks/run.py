#!/usr/bin/env python3
"""Build benchmark: sphinx_refinery against alabaster, furo and sphinx-lesson.

Generates synthetic lessons (``lessongen.py``) of several sizes and times,
interleaved in one run, for every theme and ``-j`` value: a clean build, an
incremental build after touching one episode, and one after editing one
exercise title.  Each build is ``python -m sphinx`` in a child process,
timed with a wall clock; its peak RSS comes from ``os.wait4``.

Ratios are medians of per-round ratios (theme / alabaster in the same round
and size), the only figures that mean something on a busy machine.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import lessongen  # noqa: E402

THEMES = ("sphinx_refinery", "alabaster", "furo", "sphinx_lesson")
REFERENCE = "alabaster"
STEPS = ("clean", "touch", "edit")
#: Modules a theme's interpreter must be able to import.
REQUIRES = {
    "sphinx_refinery": ("sphinx", "sphinx_refinery"),
    "alabaster": ("sphinx", "myst_parser", "sphinx_copybutton", "alabaster"),
    "furo": ("sphinx", "myst_parser", "sphinx_copybutton", "furo"),
    "sphinx_lesson": ("sphinx", "sphinx_lesson", "sphinx_rtd_theme_ext_color_contrast"),
}
PROBE = (
    "import importlib.util, json, sys\n"
    "missing = [m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]\n"
    "import sphinx\n"
    "print(json.dumps({'missing': missing, 'sphinx': sphinx.__version__}))\n"
)
WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\] (.+?)\s*$", re.M)
WARNING = re.compile(r"\b(WARNING|ERROR)\b")


@dataclass
class Build:
    """One ``sphinx-build`` run."""

    seconds: float
    max_rss_kb: int
    returncode: int
    warnings: int
    stderr_tail: str
    #: HTML files whose mtime changed (incremental builds only).
    written: list[str] = field(default_factory=list)
    #: Names in Sphinx's "writing output... [ n%] NAME" lines.
    logged: list[str] = field(default_factory=list)


@dataclass
class Config:
    """One theme built with one ``-j`` value at one size."""

    theme: str
    jobs: str
    python: str
    pythonpath: str
    lesson: lessongen.Lesson
    out: Path
    runs: dict[str, list[Build]] = field(default_factory=lambda: {s: [] for s in STEPS})
    clean_hashes: list[dict[str, str]] = field(default_factory=list)
    edit_hashes: list[dict[str, str]] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    failed: str = ""

    @property
    def key(self) -> str:
        return f"{self.theme} -j {self.jobs}"

    @property
    def html(self) -> Path:
        return self.out / "html"


def run_sphinx(
    python: str, src: Path, out: Path, jobs: str, pythonpath: str = ""
) -> tuple[Build, str]:
    """Build ``src`` into ``out/html``; the build and Sphinx's output.

    ``pythonpath`` goes first on the child's ``PYTHONPATH`` (a snapshot of
    the package instead of the working tree, or a variant of it).
    """
    cmd = [python, "-m", "sphinx", "-b", "html", "-j", jobs, "-d", str(out / "doctrees")]
    cmd += [str(src), str(out / "html")]
    env = dict(os.environ, NO_COLOR="1")
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [pythonpath, env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        start = time.perf_counter()
        # cwd: not the repository, whose sphinx_refinery/ would beat ``pythonpath``
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, env=env, cwd=src)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        out_text, err_text = stdout.read(), stderr.read()
    build = Build(
        seconds=seconds,
        max_rss_kb=usage.ru_maxrss,
        returncode=proc.returncode,
        warnings=len(WARNING.findall(err_text)),
        stderr_tail=err_text[-2000:],
        logged=WRITING.findall(out_text),
    )
    return build, out_text


def base_theme(theme: str) -> str:
    """``sphinx_refinery@fix`` (a variant) -> ``sphinx_refinery``."""
    return theme.partition("@")[0]


def is_refinery(theme: str) -> bool:
    return base_theme(theme) == "sphinx_refinery"


def html_mtimes(html: Path) -> dict[str, int]:
    return {str(p.relative_to(html)): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def html_hashes(html: Path) -> dict[str, str]:
    """sha256 of every .html file of a build."""
    return {
        str(p.relative_to(html)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(html.rglob("*.html"))
    }


def differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def bump_mtime(path: Path) -> None:
    stamp = time.time() + 1.0
    os.utime(path, (stamp, stamp))


def probe(python: str, theme: str) -> str:
    """Why ``theme`` cannot be built with ``python`` ('' when it can)."""
    try:
        result = subprocess.run(
            [python, "-c", PROBE, *REQUIRES.get(theme, ("sphinx", theme))],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        return f"cannot run {python}: {error}"
    if result.returncode != 0:
        return f"{python} cannot import sphinx: {result.stderr.strip()[-200:]}"
    info = json.loads(result.stdout)
    if info["missing"]:
        return f"not installed for {python}: {', '.join(info['missing'])}"
    if theme == "sphinx_lesson" and int(info["sphinx"].split(".")[0]) >= 9:
        return (
            f"sphinx-lesson needs Sphinx < 9 and {python} has Sphinx {info['sphinx']}: "
            "give --python-for sphinx_lesson=/path/to/sphinx8-venv/bin/python"
        )
    return ""


def sphinx_version(python: str) -> str:
    result = subprocess.run(
        [python, "-c", "import sphinx; print(sphinx.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip()


# --- one step of one config ------------------------------------------------------


def _fail(config: Config, step: str, build: Build) -> None:
    config.failed = f"{step} build exit {build.returncode}: {build.stderr_tail[-600:]}"
    print(f"  FAILED {config.key} {step}: {config.failed}", flush=True)


def step_clean(config: Config) -> None:
    shutil.rmtree(config.out, ignore_errors=True)
    build, _ = run_sphinx(
        config.python, config.lesson.root, config.out, config.jobs, config.pythonpath
    )
    if build.returncode:
        _fail(config, "clean", build)
        return
    config.runs["clean"].append(build)
    config.clean_hashes.append(html_hashes(config.html))
    page = config.html / f"{config.lesson.middle_doc}.html"
    files = [p for p in config.html.rglob("*") if p.is_file()]
    config.sizes = {
        "middle_page_html_bytes": page.stat().st_size if page.is_file() else -1,
        "output_bytes": sum(p.stat().st_size for p in files),
        "output_files": len(files),
        "html_files": sum(1 for p in files if p.suffix == ".html"),
    }


def step_incremental(config: Config, step: str, round_no: int) -> None:
    lesson = config.lesson
    if step == "touch":
        bump_mtime(lesson.middle_source)
        new_title = ""
    else:
        new_title = lessongen.edit_exercise_title(lesson, f"(edit {round_no})")
        bump_mtime(lesson.middle_source)
    before = html_mtimes(config.html)
    build, _ = run_sphinx(config.python, lesson.root, config.out, config.jobs, config.pythonpath)
    if build.returncode:
        _fail(config, step, build)
        return
    after = html_mtimes(config.html)
    build.written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    config.runs[step].append(build)
    if step == "edit":
        config.edit_hashes.append(html_hashes(config.html))
        page = config.html / "exercises.html"
        shown = page.is_file() and new_title in page.read_text(encoding="utf-8")
        if is_refinery(config.theme) and not shown:
            config.checks.append(f"round {round_no}: {new_title!r} not in exercises.html")
            print(f"  CHECK FAILED {config.key}: exercise list lacks the new title", flush=True)
        elif not is_refinery(config.theme):
            config.sizes["exercise_list_updated"] = int(shown)


# --- summaries --------------------------------------------------------------------


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def per_round_ratio(a: list[Build], b: list[Build]) -> float | None:
    pairs = [x.seconds / y.seconds for x, y in zip(a, b, strict=False) if y.seconds]
    return median_or_none(pairs)


def summarize(configs: list[Config]) -> list[dict]:
    """Per config: medians, ratios to alabaster (same -j), -j speed-up, checks."""
    by_key = {(c.theme, c.jobs): c for c in configs}
    rows = []
    for c in configs:
        ref = by_key.get((REFERENCE, c.jobs))
        row: dict = {"theme": c.theme, "jobs": c.jobs, "failed": c.failed, "checks": c.checks}
        for step in STEPS:
            runs = c.runs[step]
            row[f"{step}_s"] = median_or_none([b.seconds for b in runs])
            row[f"{step}_runs"] = [round(b.seconds, 3) for b in runs]
            row[f"{step}_ratio"] = per_round_ratio(runs, ref.runs[step]) if ref else None
            row[f"{step}_max_rss_kb"] = max((b.max_rss_kb for b in runs), default=None)
            row[f"{step}_warnings"] = max((b.warnings for b in runs), default=None)
            if step != "clean" and runs:
                last = runs[-1]
                row[f"{step}_written"] = len(last.written)
                row[f"{step}_written_pages"] = last.written
                row[f"{step}_logged"] = last.logged
        ref_rss = ref.runs["clean"] if ref else []
        rss_ratios = [
            x.max_rss_kb / y.max_rss_kb
            for x, y in zip(c.runs["clean"], ref_rss, strict=False)
            if y.max_rss_kb
        ]
        row["clean_rss_ratio"] = median_or_none(rss_ratios)
        base = by_key.get((base_theme(c.theme), c.jobs))
        if base is not None and base is not c:  # a --variant: against the base version
            for step in STEPS:
                row[f"{step}_ratio_to_base"] = per_round_ratio(c.runs[step], base.runs[step])
        row.update(c.sizes)
        serial = by_key.get((c.theme, "1"))
        if c.jobs != "1" and serial is not None:
            row["speedup_vs_j1"] = per_round_ratio(serial.runs["clean"], c.runs["clean"])
            mismatches = [
                differing(a, b) for a, b in zip(serial.clean_hashes, c.clean_hashes, strict=False)
            ]
            row["identical_to_j1"] = not any(mismatches) if mismatches else None
            row["differs_from_j1"] = sorted({n for m in mismatches for n in m})[:20]
        # the next round's clean build reads the source the last edit build saw
        stale = [differing(a, b) for a, b in zip(c.edit_hashes, c.clean_hashes[1:], strict=False)]
        row["incremental_equals_clean"] = not any(stale) if stale else None
        row["incremental_differs"] = sorted({n for m in stale for n in m})[:20]
        rows.append(row)
    return rows


def _fmt(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def print_table(size: int, rows: list[dict]) -> None:
    header = [
        "theme", "-j", "clean s", "x ala", "touch s", "x ala", "wr", "edit s", "x ala", "wr",
        "page B", "out MB", "RSS MB", "x ala", "j speed-up", "same as j1",
    ]  # fmt: skip
    table = [header]
    for r in rows:
        if r["failed"] and r["clean_s"] is None:
            table.append([r["theme"], r["jobs"], "FAILED", *[""] * (len(header) - 3)])
            continue
        identical = r.get("identical_to_j1")
        table.append(
            [
                r["theme"],
                r["jobs"],
                _fmt(r["clean_s"]),
                _fmt(r["clean_ratio"]),
                _fmt(r["touch_s"]),
                _fmt(r["touch_ratio"]),
                str(r.get("touch_written", "-")),
                _fmt(r["edit_s"]),
                _fmt(r["edit_ratio"]),
                str(r.get("edit_written", "-")),
                f"{r.get('middle_page_html_bytes', 0):,}",
                f"{r.get('output_bytes', 0) / 1e6:.1f}",
                _fmt((r["clean_max_rss_kb"] or 0) / 1024, ".0f"),
                _fmt(r["clean_rss_ratio"]),
                _fmt(r.get("speedup_vs_j1")),
                "-" if identical is None else ("yes" if identical else "NO"),
            ]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print(f"\n{size} episodes")
    for n, row in enumerate(table):
        print(
            "  ".join(
                cell.rjust(w) if i > 1 else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))
    for r in rows:
        notes = []
        if r["failed"]:
            notes.append(f"FAILED: {r['failed'][:300]}")
        notes += r["checks"]
        if r.get("identical_to_j1") is False:
            notes.append(f"-j {r['jobs']} differs from -j 1: {', '.join(r['differs_from_j1'])}")
        if r.get("incremental_equals_clean") is False:
            notes.append(f"incremental != clean: {', '.join(r['incremental_differs'])}")
        if r.get("exercise_list_updated") == 0:
            notes.append(
                "exerciselist did not show the edited title after the incremental build"
                if base_theme(r["theme"]) == "sphinx_lesson"
                else "exercise list is static text here (not updated by the edit)"
            )
        for step in ("touch", "edit"):
            if r.get(f"{step}_written_pages"):
                notes.append(
                    f"{step} wrote: {' '.join(r[f'{step}_written_pages'][:12])}"
                    + (" ..." if len(r[f"{step}_written_pages"]) > 12 else "")
                )
        if r.get("clean_ratio_to_base") is not None:
            notes.append(
                f"x {base_theme(r['theme'])} (same -j, per round): "
                + ", ".join(f"{step} {_fmt(r[f'{step}_ratio_to_base'])}" for step in STEPS)
            )
        if r["clean_warnings"]:
            notes.append(f"{r['clean_warnings']} warnings in the clean build")
        for note in notes:
            print(f"  {r['theme']} -j {r['jobs']}: {note}")


# --- main -------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="10,100,500", help="episode counts (default 10,100,500)")
    parser.add_argument("--themes", nargs="+", default=list(THEMES), choices=THEMES)
    parser.add_argument("--jobs", default="1,auto", help="-j values (default 1,auto)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--quick", action="store_true", help="sizes 10,100 and 1 round")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs Sphinx")
    parser.add_argument(
        "--python-for",
        action="append",
        default=[],
        metavar="THEME=PY",
        help="another interpreter for one theme (sphinx_lesson needs Sphinx < 9)",
    )
    parser.add_argument(
        "--package-path",
        default="",
        metavar="DIR",
        help="put DIR first on PYTHONPATH for sphinx_refinery builds (e.g. a snapshot of HEAD)",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="LABEL=DIR",
        help="also build sphinx_refinery from DIR as theme sphinx_refinery@LABEL",
    )
    parser.add_argument("--json", type=Path, help="write all results to this file")
    parser.add_argument(
        "--workdir", type=Path, default=HERE / "results" / "work", help="lessons and builds"
    )
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()
    if args.quick:
        args.sizes, args.rounds = "10,100", 1
    args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.job_list = [j.strip() for j in args.jobs.split(",") if j.strip()]
    if args.rounds < 1 or not args.size_list or not args.job_list:
        parser.error("need at least one size, one -j value and one round")
    args.pythons = {theme: args.python for theme in args.themes}
    for item in args.python_for:
        theme, sep, path = item.partition("=")
        if not sep or theme not in THEMES:
            parser.error(f"--python-for wants THEME=PATH with THEME one of {', '.join(THEMES)}")
        args.pythons[theme] = path
    args.pythonpaths = {"sphinx_refinery": args.package_path}
    for item in args.variant:
        label, sep, path = item.partition("=")
        if not sep or not label or not Path(path, "sphinx_refinery").is_dir():
            parser.error("--variant wants LABEL=DIR with DIR/sphinx_refinery a package")
        theme = f"sphinx_refinery@{label}"
        args.themes.append(theme)
        args.pythons[theme] = args.pythons.get("sphinx_refinery", args.python)
        args.pythonpaths[theme] = str(Path(path).resolve())
    return args


def warm_up(args: argparse.Namespace, themes: list[str]) -> None:
    """One untimed build of a 2-episode lesson per theme (bytecode, disk cache)."""
    for theme in themes:
        base = args.workdir / "warm-up" / theme
        lesson = lessongen.generate(base / "src", base_theme(theme), 2)
        build, _ = run_sphinx(
            args.pythons[theme], lesson.root, base, "1", args.pythonpaths.get(theme, "")
        )
        if build.returncode:
            print(f"  warm-up of {theme} failed: {build.stderr_tail[-300:]}", flush=True)


def run_size(
    args: argparse.Namespace,
    themes: list[str],
    size: int,
    after_round: Callable[[list[Config]], None] = lambda configs: None,
) -> list[Config]:
    configs = []
    for jobs in args.job_list:
        for theme in themes:
            base = args.workdir / f"{size}" / f"{theme}-j{jobs}"
            lesson = lessongen.generate(base / "src", base_theme(theme), size)
            python, path = args.pythons[theme], args.pythonpaths.get(theme, "")
            configs.append(Config(theme, jobs, python, path, lesson, base / "out"))
    for round_no in range(1, args.rounds + 1):
        order = configs if round_no % 2 else configs[::-1]
        print(
            f"{size} episodes, round {round_no}/{args.rounds}: " + ", ".join(c.key for c in order),
            flush=True,
        )
        for config in order:
            for step in STEPS:
                if config.failed:
                    break
                if step == "clean":
                    step_clean(config)
                else:
                    step_incremental(config, step, round_no)
                if not config.failed:
                    last = config.runs[step][-1]
                    print(
                        f"  {config.key:28} {step:5} {last.seconds:7.2f} s "
                        f"{last.max_rss_kb / 1024:6.0f} MB"
                        + (f" wrote {len(last.written)}" if step != "clean" else ""),
                        flush=True,
                    )
        after_round(configs)
    return configs


def write_json(path: Path, meta: dict, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "results": results}, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    themes = []
    skipped = {}
    for theme in args.themes:
        reason = probe(args.pythons[theme], base_theme(theme))
        if reason:
            skipped[theme] = reason
            print(f"SKIP {theme}: {reason}", flush=True)
        else:
            themes.append(theme)
    if REFERENCE not in themes:
        print(f"NOTE {REFERENCE} is not built: no ratios", flush=True)
    meta = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "sizes": args.size_list,
        "jobs": args.job_list,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "loadavg_before": os.getloadavg(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "sphinx": {t: sphinx_version(args.pythons[t]) for t in themes},
        "skipped": skipped,
        "pythonpaths": args.pythonpaths,
    }
    args.workdir.mkdir(parents=True, exist_ok=True)
    warm_up(args, themes)
    results = {}
    for size in args.size_list:

        def save_partial(configs: list[Config], size: int = size) -> None:
            if args.json:
                write_json(args.json, meta, {**results, str(size): summarize(configs)})

        configs = run_size(args, themes, size, save_partial)
        rows = summarize(configs)
        results[str(size)] = rows
        print_table(size, rows)
        if args.json:  # after every size, so that a long run keeps what it measured
            write_json(args.json, meta, results)
    meta["loadavg_after"] = os.getloadavg()
    meta["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    print(
        f"\nload average {meta['loadavg_before'][0]:.1f} -> {meta['loadavg_after'][0]:.1f} "
        f"on {meta['cpus']} CPUs; ratios = median of per-round ratios to {REFERENCE}"
    )
    if args.json:
        write_json(args.json, meta, results)
        print(f"results written to {args.json}")
    failed = any(
        r["failed"] or r["checks"]
        for rows in results.values()
        for r in rows
        if is_refinery(r["theme"])
    )
    mismatch = any(
        r.get("identical_to_j1") is False
        for rows in results.values()
        for r in rows
        if is_refinery(r["theme"])
    )
    return 1 if failed or mismatch else 0


if __name__ == "__main__":
    sys.exit(main())
