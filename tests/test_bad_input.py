"""Bad input gets one located, helpful warning; the rest of the page still builds.

Every case is one page of a small lesson.  The pages of a kind share one build
(a module-scoped site), so that the many cases stay fast; each case checks only
its own page's warnings: the expected one at the right ``file:line``, no other
and no traceback, and the sentence after the mistake in the HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import sphinx
from helpers import page, warnings_of
from sphinx.testing.util import SphinxTestApp

CONF = 'extensions = ["sphinx_refinery"]\nexclude_patterns = ["_build"]\n'
AFTER = "\n\nThe text after the mistake survives.\n"
SURVIVES = "The text after the mistake survives."
#: Sphinx 8.2 warns about each undecodable line itself; on 9 the extension does, once.
NOT_UTF8 = "not valid UTF-8" if sphinx.version_info[0] >= 9 else "undecodable source characters"
#: Pages that get more than the one warning checked.
WARNING_COUNTS = {
    "not-utf-8": 1 if sphinx.version_info[0] >= 9 else 2,
    # the lesson declares its schedule once: these pages declare it a second time
    "schedule-breaks-unknown-page": 2,
    "schedule-exclude-unknown-page": 2,
}

#: (id, page source, expected line, words the warning must contain)
CASES = [
    (
        "orphan-solution-unknown-label",
        "# P\n\n:::{solution} ex-nowhere\nNo exercise.\n:::",
        3,
        "'ex-nowhere' is not the label of any exercise",
    ),
    (
        "solution-names-a-section",
        "# P\n\n(sec-intro)=\n## Intro\n\n:::{solution} sec-intro\nS.\n:::",
        6,
        "'sec-intro' is not the label of any exercise",
    ),
    (
        "nonumber-on-note",
        "# P\n\n:::{callout}\n:nonumber:\nC.\n:::",
        3,
        ":nonumber: has no effect on a callout",
    ),
    (
        "nonumber-on-solution",
        "# P\n\n:::{exercise}\nE.\n:::\n\n:::{solution}\n:nonumber:\nS.\n:::",
        7,
        ":nonumber: has no effect on a solution",
    ),
    (
        "unknown-option",
        "# P\n\n:::{exercise}\n:colour: red\nE.\n:::",
        4,
        "Unknown option key: 'colour'",
    ),
    (
        "unknown-option-on-exerciselist",
        "# P\n\n```{exerciselist}\n:colour: red\n```",
        4,
        "'exerciselist': Unknown option key: 'colour'",
    ),
    (
        "exerciselist-bad-style",
        "# P\n\n```{exerciselist}\n:style: table\n```",
        4,
        '"table" unknown; choose from "full", or "list"',
    ),
    (
        "exerciselist-with-argument",
        "# P\n\n```{exerciselist} all of them\n```",
        3,
        "'exerciselist': Has content, but none permitted",
    ),
    (
        "duplicate-exercise-label",
        "# P\n\n:::{exercise}\n:label: twice\nA.\n:::\n\n:::{exercise}\n:label: twice\nB.\n:::",
        8,
        'Duplicate explicit target name: "twice"',
    ),
    (
        "empty-label-option",
        "# P\n\n:::{exercise}\n:label:\nE.\n:::",
        3,
        ":label: needs a value",
    ),
    (
        "empty-name-option",
        "# P\n\n```{challenge}\n:name:\nE.\n```",
        3,
        ":name: needs a value",
    ),
    (
        "ref-to-missing-exercise",
        "# P\n\n:::{exercise}\n:label: ex-here\nE.\n:::\n\nSee {ref}`ex-hre`.",
        8,
        "undefined label: 'ex-hre'",
    ),
    (
        "numref-to-missing-exercise",
        "# P\n\nSee {numref}`ex-gone`.",
        3,
        "undefined label: 'ex-gone'",
    ),
    (
        "numref-to-unnumbered-exercise",
        "# P\n\n:::{exercise}\n:label: ex-nn\n:nonumber:\nE.\n:::\n\nSee {numref}`ex-nn`.",
        9,
        "numref to the unnumbered exercise 'ex-nn': use ref instead, or number it",
    ),
    (
        "colon-fence-as-long-as-outer",
        "# P\n\n:::{exercise}\nE.\n\n:::{solution}\nS.\n:::\n:::",
        6,
        ":::{solution} is inside :::{exercise} (line 3) and its fence is at least as long",
    ),
    (
        "backtick-fence-as-long-as-outer",
        "# P\n\n```{exercise}\nE.\n\n```{solution}\nS.\n```\n```",
        6,
        "make the outer fence longer, e.g. ````{exercise}",
    ),
    (
        "code-fence-as-long-as-outer",
        "# P\n\n```{exercise}\nE.\n\n```python\nx = 1\n```\n```",
        6,
        "```python is inside ```{exercise} (line 3)",
    ),
    (
        "inner-fence-longer-than-outer",
        "# P\n\n:::{tabs}\n::::{tab} Linux\nL.\n::::\n:::",
        4,
        "::::{tab} is inside :::{tabs} (line 3)",
    ),
    (
        "directive-never-closed",
        "# P\n\n:::{exercise}\nE.",
        3,
        ":::{exercise} is never closed, so the rest of the file is inside it",
    ),
    (
        "tab-outside-tabs",
        "# P\n\n:::{tab} Linux\nT.\n:::",
        3,
        "the tab directive should be placed directly inside a tabs directive",
    ),
    (
        "group-tab-outside-tabs",
        "# P\n\n:::{group-tab} Linux\nT.\n:::",
        3,
        "the group-tab directive should be placed directly inside a tabs directive",
    ),
    (
        "code-tab-outside-tabs",
        "# P\n\n```{code-tab} python\nx = 1\n```",
        3,
        "the code-tab directive should be placed directly inside a tabs directive",
    ),
    (
        "code-tab-without-language",
        "# P\n\n```{code-tab}\nx = 1\n```",
        3,
        "Directive 'code-tab': 1 argument(s) required, 0 supplied",
    ),
    (
        "code-tab-unknown-language",
        "# P\n\n::::{tabs}\n:::{code-tab} pyhton\nx = 1\n:::\n::::",
        5,
        "Pygments lexer name 'pyhton' is not known",
    ),
    (
        "tab-without-label",
        "# P\n\n:::{tab}\n:::",
        3,
        "the tab directive needs a label",
    ),
    (
        "tabs-without-content",
        "# P\n\n:::{tabs}\n:::",
        3,
        'Content block expected for the "tabs" directive',
    ),
    (
        "tabs-without-any-tab",
        "# P\n\n::::{tabs}\nStray text, and no tab.\n::::",
        3,
        "a tabs directive should contain only tab, group-tab or code-tab directives",
    ),
    (
        "front-matter-teaching-in-words",
        "---\nteaching: ten\nexercises: 5\n---\n# P\n\nText.",
        2,
        "teaching: 'ten' is not a number of minutes; write a whole number such as 15",
    ),
    (
        "front-matter-negative-minutes",
        "---\nteaching: 10\nexercises: -5\n---\n# P\n\nText.",
        3,
        "exercises: '-5' is not a number of minutes",
    ),
    (
        "front-matter-break-in-words",
        "---\nbreak: soon\n---\n# P\n\nText.",
        2,
        "break: 'soon' is not a number of minutes",
    ),
    (
        "front-matter-questions-number",
        "---\nquestions: 5\n---\n# P\n\nText.",
        2,
        'questions: expected a list of sentences, e.g. ["First", "Second"]',
    ),
    (
        "front-matter-questions-mappings",
        "---\ntitle: P\nquestions:\n  - how: do I?\n  - why: not\n---\n# P\n\nText.",
        3,
        "questions: expected a list of sentences",
    ),
    (
        "front-matter-objectives-mapping",
        "---\nobjectives:\n  first: Explain\n---\n# P\n\nText.",
        2,
        "objectives: expected a list of sentences",
    ),
    (
        "front-matter-keypoints-nested-lists",
        "---\nkeypoints: [[a, b], [c]]\n---\n# P\n\nText.",
        2,
        "keypoints: expected a list of sentences",
    ),
    (
        "carpentries-unknown-class",
        "# P\n\n> ## Mystery\n> Body.\n{: .mystery}",
        5,
        "unknown Carpentries block class .mystery: kept as a plain blockquote",
    ),
    (
        "not-utf-8",
        "# Caf\u00e9\n\nPlain line.\n\nNa\u00efve line.".encode("latin-1"),
        1,
        NOT_UTF8,
    ),
    (
        "duplicate-label-across-pages",
        "# P\n\n:::{exercise}\n:label: ex-here\nAgain.\n:::",
        3,
        "duplicate label ex-here, other instance in ref-to-missing-exercise: give each exercise",
    ),
]

#: Cases in reST: same format.
REST_CASES = [
    (
        "rest-unknown-option",
        "P\n=\n\n.. exercise::\n   :colour: red\n\n   E.",
        4,
        'Error in "exercise" directive:\nunknown option: "colour"',
    ),
    (
        "rest-episode-bad-minutes",
        "P\n=\n\n.. episode::\n   :teaching: ten\n   :exercises: 5\n\nText.",
        4,
        "teaching: 'ten' is not a number of minutes",
    ),
    (
        "rest-tab-outside-tabs",
        "P\n=\n\n.. tab:: Linux\n\n   T.",
        4,
        "the tab directive should be placed directly inside a tabs directive",
    ),
]

#: Schedule cases: their own lesson, whose pages are no episodes (no timing warnings).
SCHEDULE_CASES = [
    (
        "schedule-bad-start",
        "# P\n\n```{schedule}\n:start: 25:00\n```",
        3,
        "schedule: '25:00' is not a time such as 09:00; using 09:00",
    ),
    (
        "schedule-bad-breaks-line",
        "# P\n\n```{schedule}\n:breaks: one coffee\n```",
        4,
        "'one coffee': write 'DOCNAME MINUTES [LABEL]'",
    ),
    (
        "schedule-breaks-unknown-page",
        "# P\n\n```{schedule}\n:breaks: episodes/nine 10 Coffee\n```",
        3,
        "schedule: :breaks: names 'episodes/nine', which is not a document of the lesson",
    ),
    (
        "schedule-exclude-unknown-page",
        "# P\n\n```{schedule}\n:exclude: /guide\n```",
        3,
        "schedule: :exclude: names 'guide', which is not a document of the lesson",
    ),
    (
        "schedule-with-argument",
        "# P\n\n```{schedule} today\n```",
        3,
        "'schedule': Has content, but none permitted",
    ),
    (
        "keypoints-summary-with-argument",
        "# P\n\n```{keypoints-summary} all\n```",
        3,
        "'keypoints-summary': Has content, but none permitted",
    ),
]

#: Bad values in conf.py, all in one lesson: (id, conf.py line, words of the warning).
BAD_CONF = [
    (
        "solutions-folded",
        'refinery_solutions = "folded"',
        "refinery_solutions = 'folded' is not one of 'collapsed', 'expanded', 'hidden'; "
        "using 'collapsed'",
    ),
    (
        "placement-bottom",
        'refinery_solutions_placement = "bottom"',
        "refinery_solutions_placement = 'bottom' is not one of 'inline', 'end'",
    ),
    (
        "views-teacher",
        'refinery_views = ["teacher"]',
        "refinery_views = ['teacher'] is not one or two of 'learner', 'instructor', the root "
        "view first; using ['learner', 'instructor']",
    ),
    (
        "numbering-number",
        "refinery_exercise_numbering = 3",
        "refinery_exercise_numbering = 3 is not one of 'lesson', 'episode', 'none'",
    ),
    (
        "schedule-start-25",
        'refinery_schedule_start = "25:00"',
        "refinery_schedule_start = '25:00' is not a clock time such as 09:00; using '09:00'",
    ),
]
#: Pages of that lesson (it also sets ``refinery_workbench``).
CONF_CASES = [
    (
        "workbench-unknown-div",
        "# P\n\n::::::::: sidebarr\n\nInside.\n\n:::::::::",
        3,
        "unknown Workbench div class 'sidebarr': its content is kept in a plain container",
    ),
    (
        "workbench-div-never-closed",
        "# P\n\n::::::::: callout\n\n## Never closed\n\nInside.",
        3,
        "never closed",
    ),
]
CONF_EXTRA = "\n".join(line for _id, line, _words in BAD_CONF)
CONF_EXTRA += "\nrefinery_workbench = True\n"

#: Author text that is not a mistake: it builds without a warning, shown as written.
#: (id, page title, exercise title, texts the page shows).  Inline HTML in MyST is
#: raw HTML by CommonMark's rules, so the markup here is text that is not a tag.
AWKWARD_TITLES = [
    ("long-title", "Long " * 1000, "L" * 5000, ["Long Long Long", "L" * 5000]),
    (
        "html-like-title",
        "5 < 6 & 7 > 3 <3",
        "a < b && c > d \"q\" 'r'",
        ["5 < 6 & 7 > 3 <3", "a < b && c > d"],
    ),
    (
        "markdown-in-title",
        "A *starred* title",
        "An **exercise** with `<script>alert(1)</script>`",
        ["A starred title", "An exercise with <script>alert(1)</script>"],
    ),
]


def _write_site(srcdir: Path, cases: list[tuple], conf: str = CONF) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    names = [case[0] for case in cases]
    (srcdir / "index.md").write_text(
        "# Index\n\n```{toctree}\n" + "\n".join(names) + "\n```\n", encoding="utf-8"
    )
    for name, source, *_rest in cases:
        suffix = ".rst" if name.startswith("rest-") else ".md"
        path = srcdir / f"{name}{suffix}"
        if isinstance(source, bytes):
            path.write_bytes(source + AFTER.encode())
        else:
            path.write_text(source + AFTER, encoding="utf-8")


def _build(srcdir: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Iterator[dict[str, SphinxTestApp]]:
    """The built lessons, one per group of cases, built on first use."""
    built: dict[str, SphinxTestApp] = {}
    groups = {
        "pages": (CASES + REST_CASES, CONF),
        "schedule": (SCHEDULE_CASES, CONF),
        "conf": (CONF_CASES, CONF + CONF_EXTRA),
    }

    class Sites(dict):
        def __missing__(self, group: str) -> SphinxTestApp:
            cases, conf = groups[group]
            srcdir = tmp_path_factory.mktemp(group) / "src"
            _write_site(srcdir, cases, conf)
            built[group] = self[group] = _build(srcdir)
            return built[group]

    yield Sites()


#: Where a new warning starts: a path or a bare level (docutils' errors span lines).
_ENTRY = re.compile(r"\n(?=/|[A-Za-z]:\\|WARNING:|ERROR:|CRITICAL:)")


def page_warnings(app: SphinxTestApp, name: str) -> list[str]:
    """The warnings located in page ``name`` (whatever its suffix)."""
    return [
        entry
        for entry in _ENTRY.split(warnings_of(app))
        if re.search(rf"[/\\]{re.escape(name)}\.(md|rst)(:\d+)?: ", entry)
    ]


def check_case(app: SphinxTestApp, name: str, line: int, message: str) -> None:
    warnings = page_warnings(app, name)
    located = [w for w in warnings if re.search(rf"\.(md|rst):{line}: ", w)]
    assert any(message in w for w in located), "\n".join(warnings) or warnings_of(app)
    assert len(warnings) == WARNING_COUNTS.get(name, 1), "\n".join(warnings)
    assert "Traceback" not in warnings_of(app)
    assert SURVIVES in page(app, name).get_text()


def _params(cases: list[tuple]) -> list:
    return [pytest.param(*case[1:], id=case[0]) for case in cases]


@pytest.mark.parametrize(("source", "line", "message"), _params(CASES + REST_CASES))
def test_bad_input_warns_with_location(sites, request, source, line, message):
    name = request.node.callspec.id
    check_case(sites["pages"], name, line, message)


@pytest.mark.parametrize(("source", "line", "message"), _params(SCHEDULE_CASES))
def test_bad_schedule_warns_with_location(sites, request, source, line, message):
    check_case(sites["schedule"], request.node.callspec.id, line, message)


@pytest.mark.parametrize(("source", "line", "message"), _params(CONF_CASES))
def test_bad_conf_pages_warn_with_location(sites, request, source, line, message):
    check_case(sites["conf"], request.node.callspec.id, line, message)


@pytest.mark.parametrize(("conf_line", "message"), _params(BAD_CONF))
def test_bad_config_value_warns_once(sites, conf_line, message):
    app = sites["conf"]
    warnings = warnings_of(app)
    assert sum(message in line for line in warnings.splitlines()) == 1, warnings
    assert "Traceback" not in warnings


def test_non_utf8_page_keeps_the_readable_text(sites):
    text = page(sites["pages"], "not-utf-8").get_text()
    assert "Plain line." in text
    assert "Caf" in text
    assert "ve line." in text


@pytest.mark.parametrize(("heading", "title", "shown"), _params(AWKWARD_TITLES))
def test_awkward_titles_build_cleanly(make_app, tmp_path, heading, title, shown):
    source = f"# {heading}\n\n:::{{exercise}} {title}\n:label: ex-awkward\nE.\n:::\n\n"
    source += "See {ref}`ex-awkward`."
    srcdir = tmp_path / "src"
    _write_site(srcdir, [("awkward", source)])
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    assert warnings_of(app) == ""
    html = (Path(app.outdir) / "awkward.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    text = " ".join(page(app, "awkward").get_text().split())
    assert SURVIVES in text
    for expected in shown:
        assert expected in text


def test_case_count():
    """The issue asked for at least 40 distinct cases."""
    distinct = {c[0] for c in (*CASES, *REST_CASES, *SCHEDULE_CASES, *CONF_CASES, *BAD_CONF)}
    assert len(distinct) >= 40
