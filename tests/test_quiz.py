"""Self-check questions (``quiz``): the form, numbers and references, every
other output (text, LaTeX, man, notes, EPUB), the exercise list, bad input."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import build_once, normalized_text, run_build, soup, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_refinery.blocks.quiz.answers import AnswerError, parse_answers

#: Every question and option of the test root, as the reader sees them.
QUESTIONS = (
    "Which command records the staged changes?",
    "Which of these are version control systems?",
    "What is the best editor?",
    "How many bits are in a byte?",
    "What is pi, to two decimals?",
    "Name the planet we live on.",
    "Which file lists the extensions of a Sphinx project?",
)
OPTIONS = (
    "git add",
    "git commit",
    "git push",
    "Git",
    "Mercurial",
    "Make",
    "The one you know",
    "Any other",
    "index.rst",
    "conf.py",
    "Makefile",
)
FEEDBACK = (
    "Not quite: this only stages changes.",
    "Yes: a commit records what is staged.",
    "Make builds files; it keeps no history.",
    "Right: conf.py is the configuration.",
)
SURVIVING = (
    "Text between the questions.",
    "A closing remark after the options.",
    "Text after the last question.",
    "Text after the short answers.",
    "Text after the reST question.",
)


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    yield from build_once(tmp_path_factory, "quiz")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """The test root built by every other builder (warnings are errors)."""
    built = {}
    for builder in ("text", "latex", "man", "notes", "epub", "singlehtml"):
        for app in build_once(tmp_path_factory, "quiz", builder):
            built[builder] = Path(app.outdir)
    return built


def quiz_page(app, name: str):
    return soup(Path(app.outdir) / f"{name}.html")


def fieldsets(page) -> list:
    return page.select("fieldset.refinery-quiz")


# -- answers ------------------------------------------------------------------------


def test_short_answers_ignore_case_and_space() -> None:
    [eight_digits, eight] = parse_answers("8 | eight")
    assert eight_digits.matches(" 8.0 ") and eight_digits.matches("8")
    assert not eight_digits.matches("9") and not eight_digits.matches("eight")
    assert eight.matches("  EIGHT ") and not eight.matches("eighty")
    [earth] = parse_answers("the   Earth")
    assert earth.matches("THE earth")


@pytest.mark.parametrize("spec", ["3.14 ± 0.01", "3.14 +- 0.01", "3.14+/-0.01"])
def test_numbers_with_a_tolerance(spec: str) -> None:
    [pi] = parse_answers(spec)
    assert pi.matches("3.141") and pi.matches("3.15") and pi.matches("3,13")
    assert not pi.matches("3.16") and not pi.matches("pi")
    assert pi.data == "n:3.14:0.01"


@pytest.mark.parametrize("spec", ["3.14 ± abc", "± 0.1", "1 +- -2", "a || b", ""])
def test_unreadable_answers(spec: str) -> None:
    with pytest.raises(AnswerError):
        parse_answers(spec)


# -- HTML -----------------------------------------------------------------------------


def test_single_choice_is_radio_buttons_multiple_is_checkboxes(html) -> None:
    single, multiple, unnumbered = fieldsets(quiz_page(html, "choices"))
    assert [i["type"] for i in single.select("input")] == ["radio"] * 3
    assert {i["name"] for i in single.select("input")} == {single["id"]}
    assert [i["type"] for i in multiple.select("input")] == ["checkbox"] * 3
    assert [i["type"] for i in unnumbered.select("input")] == ["radio"] * 2
    assert single.legend.get_text(strip=True) == QUESTIONS[0]
    assert unnumbered.legend.get_text(" ", strip=True) == "What is the best editor?"
    assert multiple.find("p").get_text() == "Pick every one that applies."
    assert "extra-class" in multiple.parent["class"]
    # The script's buttons, hidden until it runs, and the region it announces in.
    for fieldset, buttons in ((single, ["Reset"]), (multiple, ["Check", "Reset"])):
        actions = fieldset.select_one(".refinery-quiz-actions")
        assert actions.has_attr("hidden")
        assert [b.get_text() for b in actions.find_all("button")] == buttons
        assert fieldset.select_one(".refinery-quiz-result")["aria-live"] == "polite"


def test_each_option_has_a_label_and_its_feedback_described(html) -> None:
    page = quiz_page(html, "choices")
    for option in page.select(".refinery-quiz-option"):
        control = option.find("input")
        label = option.find("label")
        feedback = option.find(class_="refinery-quiz-feedback")
        assert label["for"] == control["id"]
        assert control["aria-describedby"] == feedback["id"]
    first = fieldsets(page)[0]
    texts = [f.get_text(" ", strip=True) for f in first.select(".refinery-quiz-feedback")]
    assert texts == [FEEDBACK[0], FEEDBACK[1], "Not quite."]
    verdicts = [
        "right" if "refinery-quiz-right" in f["class"] else "wrong"
        for f in first.select(".refinery-quiz-feedback")
    ]
    assert verdicts == ["wrong", "right", "wrong"]


def test_short_answer_is_a_text_field_and_show_answer(html) -> None:
    byte, pi, planet = fieldsets(quiz_page(html, "short"))
    field = byte.find("input")
    assert field["type"] == "text"
    assert byte.find("label", attrs={"for": field["id"]}).get_text() == "Your answer"
    assert field["data-answers"] == "n:8.0:0.0 | t:eight"
    details = byte.find("details")
    assert details.summary.get_text() == "Show answer"
    assert "A byte is eight bits" in details.get_text()
    assert "8 (also accepted: eight)" in normalized_text(details.get_text(" "))
    assert pi.find("input")["data-answers"] == "n:3.14:0.01"
    assert planet.find("input")["data-answers"] == "t:earth | t:the earth"


def test_learners_see_answers_only_as_feedback_instructors_see_them_marked(html) -> None:
    learner = quiz_page(html, "choices")
    instructor = soup(Path(html.outdir) / "instructor" / "choices.html")
    assert not learner.select(".refinery-quiz-key")
    assert "right answer" not in learner.get_text()
    marked = [
        m.find_parent("label").get_text(" ", strip=True)
        for m in instructor.select(".refinery-quiz-key")
    ]
    assert marked == [
        "git commit (right answer)",
        "Git (right answer)",
        "Mercurial (right answer)",
        "The one you know (right answer)",
    ]


def test_questions_are_numbered_with_their_own_counter(html) -> None:
    titles = [
        t.get_text(strip=True)
        for name in ("choices", "short", "rest")
        for t in quiz_page(html, name).select("div.quiz > .admonition-title")
    ]
    assert titles == [
        "Question 1",
        "Question 2",
        "Question",
        "Question 3",
        "Question 4",
        "Question 5",
        "Question 6",
    ]
    exercise = quiz_page(html, "short").select_one("div.exercise > .admonition-title")
    assert exercise.get_text(" ", strip=True) == "Exercise 1 : An ordinary exercise"


def test_ref_and_numref_to_quizzes(html) -> None:
    page = quiz_page(html, "choices")
    links = [(a.get_text(), a["href"]) for a in page.select("p a.reference.internal")]
    assert ("Question 1", "#quiz-commit") in links
    assert ("Question 2", "#quiz-vcs") in links
    assert ("Quiz number 1", "#quiz-commit") in links
    rest = quiz_page(html, "rest")
    assert ("Question 6", "#quiz-rest") in [
        (a.get_text(), a["href"]) for a in rest.select("p a.reference.internal")
    ]


def test_text_around_quizzes_survives(html) -> None:
    text = " ".join(
        normalized_text(quiz_page(html, name).get_text(" "))
        for name in ("choices", "short", "rest")
    )
    for sentence in (*SURVIVING, *QUESTIONS[:2], *FEEDBACK):
        assert sentence in text


def test_ids_are_unique_on_every_page(html, outputs) -> None:
    pages = [*Path(html.outdir).rglob("*.html"), outputs["singlehtml"] / "index.html"]
    for path in pages:
        page = soup(path)
        ids = Counter(tag["id"] for tag in page.find_all(id=True))
        assert not [i for i, n in ids.items() if n > 1], path
        names = Counter(
            (fs["id"], i["name"]) for fs in fieldsets(page) for i in fs.select("input[type=radio]")
        )
        assert len({name for _form, name in names}) == len({form for form, _name in names})


def test_exercise_list_includes_quizzes(html) -> None:
    page = quiz_page(html, "list")
    titles = [
        t.get_text(" ", strip=True) for t in page.select("div.admonition > .admonition-title")
    ]
    assert titles.count("Question") == 1
    assert [t for t in titles if t.startswith("Question ")] == [
        f"Question {n}" for n in range(1, 7)
    ]
    assert "Exercise 1 : An ordinary exercise" in titles
    assert len(fieldsets(page)) == 7
    assert len({fs["id"] for fs in fieldsets(page)}) == 7
    assert "Which question do only instructors see?" not in page.get_text()
    instructor = soup(Path(html.outdir) / "instructor" / "list.html")
    assert len(fieldsets(instructor)) == 8
    assert "Which question do only instructors see?" in instructor.get_text()


def test_exercise_list_of_links_names_quizzes_by_number(copy_root) -> None:
    sources = copy_root("quiz")
    (sources / "list.md").write_text(
        "# Every exercise and question\n\n```{exerciselist}\n:include: exercise quiz\n"
        ":style: list\n```\n",
        encoding="utf-8",
    )
    page = sources.build("html").page("list")
    lines = [item.get_text(" ", strip=True) for item in page.select(".refinery-aggregate-links li")]
    assert lines[:3] == ["Question 1 (quiz)", "Question 2 (quiz)", "Question (quiz)"]
    assert "Question 6 (quiz)" in lines


# -- other outputs ---------------------------------------------------------------------


def without_marks(text: str) -> str:
    return normalized_text(re.sub(r"[\\*`\"]", "", text))


def test_text_output_prints_questions_options_and_an_answer_key(outputs) -> None:
    choices = (outputs["text"] / "choices.txt").read_text(encoding="utf-8")
    shown, _sep, key = choices.partition("Answers to the questions")
    assert key, choices
    for option in ("git add", "git commit", "git push", "Git", "Mercurial", "Make"):
        assert f"☐ {option}" in without_marks(shown)
    assert "☑ git commit Yes: a commit records what is staged." in without_marks(key)
    assert "☐ git add Not quite: this only stages changes." in without_marks(key)
    assert "☑ Mercurial Right." in without_marks(key)
    assert "right answer" not in choices
    short = without_marks((outputs["text"] / "short.txt").read_text(encoding="utf-8"))
    assert "Your answer: ____" in short
    assert "Question 3: How many bits are in a byte? 8 (also accepted: eight)" in short
    assert "Text after the short answers." in short
    assert "only instructors" not in short and "instructors see" not in choices


def test_instructor_edition_prints_the_questions_in_notes(copy_root) -> None:
    built = copy_root("quiz").build("text", confoverrides={"refinery_edition": "instructor"})
    short = without_marks(built.text("short.txt"))
    assert "Which question do only instructors see?" in short
    assert "☑ The one in their note" in short.partition("Answers to the questions")[2]
    assert "☐ The one in their note (right answer)" in short  # marked for instructors


def test_latex_has_every_question_and_option_and_the_key_at_the_end(outputs) -> None:
    tex = (outputs["latex"] / "quizzes.tex").read_text(encoding="utf-8")
    body, _sep, appendix = tex.partition("\\chapter{Answers to the questions}")
    assert appendix and "\\chapter" not in appendix  # the last chapter
    flat = normalized_text(re.sub(r"\\sphinxcode\{\\sphinxupquote\{([^}]*)\}\}", r"\1", body))
    for text in (*QUESTIONS, *OPTIONS):
        plain = text.replace("_", r"\_")
        assert plain in flat or plain.replace("the best", r"\sphinxstylestrong{the best}") in flat
    assert flat.count("☐") == 2 * len(OPTIONS)  # and the copies on the exercise list
    assert appendix.count("☑") == 5


def test_man_page_keeps_every_question_and_option(outputs) -> None:
    [man] = outputs["man"].glob("*.1")
    text = normalized_text(re.sub(r"\\f[BIRP]|\\\(ga|\\", "", man.read_text(encoding="utf-8")))
    for question in QUESTIONS[:2] + QUESTIONS[3:]:
        assert question in text
    for option in OPTIONS:
        assert option in text
    assert "ANSWERS TO THE QUESTIONS" in text


def test_epub_prints_quizzes_without_form_controls(outputs) -> None:
    page = soup(outputs["epub"] / "choices.xhtml")
    assert not page.find("input") and not page.find("fieldset")
    assert "☐" in page.get_text() and "Answers to the questions" in page.get_text()


def test_notes_write_each_question_as_a_poll(outputs) -> None:
    [notes] = outputs["notes"].glob("*.md")
    text = notes.read_text(encoding="utf-8")
    assert "### [Question 1](choices.html#quiz-commit)" in text
    poll = text.split("### [Question 2]")[1].split("###")[0]
    assert "*Vote with +1 after your choice:*" in poll
    assert "- Git:\n- Mercurial:\n- Make:" in poll
    assert "right answer" not in text
    short = text.split("### [Question 3]")[1].split("###")[0]
    assert "How many bits are in a byte?" in short and "*Answers:*" in short


# -- settings and MyST's tasklist ---------------------------------------------------------


def test_numbering_follows_the_exercise_numbering(copy_root) -> None:
    built = copy_root("quiz").build(
        "html", confoverrides={"refinery_exercise_numbering": "episode"}
    )
    titles = [
        t.get_text(strip=True) for t in built.page("short").select("div.quiz > .admonition-title")
    ]
    assert titles == ["Question 2.1", "Question 2.2", "Question 2.3"]
    built = copy_root("quiz", dest="none").build(
        "html", confoverrides={"refinery_exercise_numbering": "none"}, strict=False
    )
    assert built.warnings.count("numref to the unnumbered question") == 2  # as for exercises
    titles = [
        t.get_text(strip=True) for t in built.page("choices").select("div.quiz > .admonition-title")
    ]
    assert titles == ["Question"] * 3


def test_myst_tasklist_extension_reads_the_same(copy_root) -> None:
    built = copy_root("quiz").build(
        "html", confoverrides={"myst_enable_extensions": ["colon_fence", "tasklist"]}
    )
    single, multiple, _unnumbered = fieldsets(built.page("choices"))
    assert [i["type"] for i in multiple.select("input")] == ["checkbox"] * 3
    right = [
        o.label.get_text(" ", strip=True)
        for o in single.select(".refinery-quiz-option")
        if o.select_one(".refinery-quiz-right")
    ]
    assert right == ["git commit"]
    assert not built.page("choices").select(".task-list-item-checkbox")


# -- bad input --------------------------------------------------------------------------

AFTER = "\n\nThe text after the mistake survives.\n"
BAD = {
    "no-right": ("# P\n\n:::{quiz} Q?\n- [ ] a\n- [ ] b\n:::", 3, "a quiz without a right answer"),
    "both": (
        "# P\n\n:::{quiz} Q?\n:answer: 4\n\n- [x] a\n- [ ] b\n:::",
        3,
        "a list of options and an :answer: option",
    ),
    "empty": ("# P\n\n:::{quiz} Q?\n:::", 3, "a quiz needs a list of options"),
    "no-list": ("# P\n\n:::{quiz} Q?\nJust words.\n:::", 3, "a quiz needs a list of options"),
    "unknown-marker": (
        "# P\n\nIntro.\n\n:::{quiz} Q?\n- [?] a\n- [x] b\n:::",
        5,
        "unknown quiz marker [?]",
    ),
    "unmarked-option": (
        "# P\n\n:::{quiz} Q?\n- [x] a\n- b\n:::",
        3,
        "a quiz option without [ ] or [x]",
    ),
    "bad-tolerance": (
        "# P\n\n:::{quiz} Q?\n:answer: 3.14 ± wide\n\nWords kept.\n:::",
        3,
        "cannot read the quiz answer '3.14 ± wide'",
    ),
    "numref-unnumbered": (
        "# P\n\n:::{quiz} Q?\n:label: q-nn\n:nonumber:\n- [x] a\n:::\n\nSee {numref}`q-nn`.",
        9,
        "numref to the unnumbered question 'q-nn'",
    ),
    "rest-bad-tolerance": (
        "P\n=\n\n.. quiz:: Q?\n   :answer: 1 +- x\n\n   Words kept.\n",
        4,
        "cannot read the quiz answer '1 +- x'",
    ),
}


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    src = tmp_path_factory.mktemp("quiz-bad") / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_refinery"]\nexclude_patterns = ["_build"]\n', encoding="utf-8"
    )
    toctree = "\n".join(BAD)
    (src / "index.md").write_text(f"# Bad\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for name, (text, _line, _words) in BAD.items():
        suffix = ".rst" if name.startswith("rest-") else ".md"
        (src / f"{name}{suffix}").write_text(text + AFTER, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src)
    try:
        yield run_build(app, strict=False)
    finally:
        app.cleanup()


@pytest.mark.parametrize("name", list(BAD))
def test_bad_quiz_gets_a_located_warning_and_the_page_builds(bad, name) -> None:
    _text, line, words = BAD[name]
    suffix = ".rst" if name.startswith("rest-") else ".md"
    mine = [w for w in warnings_of(bad).splitlines() if f"{name}{suffix}:" in w]
    assert len(mine) == 1, mine
    assert f"{name}{suffix}:{line}:" in mine[0]
    subtype = "numref" if name.startswith("numref") else "quiz"
    assert words in mine[0] and f"[refinery.{subtype}]" in mine[0]
    assert "Traceback" not in warnings_of(bad)
    page = normalized_text(quiz_page(bad, name).get_text(" "))
    assert "The text after the mistake survives." in page
    if "Words kept." in BAD[name][0]:
        assert "Words kept." in page
    if "needs a list" in words or "cannot read" in words:  # a plain block, its question kept
        assert "Q?" in page


def test_numbered_options_read_like_bulleted_ones(tmp_path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_refinery"]\n', encoding="utf-8")
    (src / "index.md").write_text(
        "# Numbered\n\n:::{quiz} Which two?\n1. [x] one\n2. [X] two\n3. [ ] three\n:::\n",
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=src)
    try:
        run_build(app)
        (form,) = fieldsets(quiz_page(app, "index"))
    finally:
        app.cleanup()
    assert [i["type"] for i in form.select("input")] == ["checkbox"] * 3
    right = [o.label.get_text(strip=True) for o in form.select(".refinery-quiz-option")
             if o.select_one(".refinery-quiz-right")]  # fmt: skip
    assert right == ["one", "two"]


@pytest.mark.parametrize("builder", ["text", "latex", "man"])
def test_a_quiz_inside_another_is_printed_too(tmp_path, builder) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_refinery"]\n', encoding="utf-8")
    (src / "index.md").write_text(
        "# Nested\n\n::::{quiz} Outer question?\n:::{quiz} Inner question?\n"
        "- [x] inner right\n- [ ] inner wrong\n:::\n\n- [x] outer right\n- [ ] outer wrong\n"
        "::::\n\nAfter both.\n",
        encoding="utf-8",
    )
    app = SphinxTestApp(builder, srcdir=src)
    try:
        run_build(app)
        suffix = {"text": "txt", "latex": "tex", "man": "1"}[builder]
        out = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob(f"*.{suffix}"))
    finally:
        app.cleanup()
    for words in (
        "Outer question?",
        "Inner question?",
        "inner right",
        "outer wrong",
        "After both.",
    ):
        assert words in out, words
    # Every option is in the key too, each question's once: two mentions of each.
    assert out.count("inner wrong") == 2 and out.count("outer right") == 2
