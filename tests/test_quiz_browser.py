"""Quizzes in Chromium: without JavaScript a chosen option shows its feedback;
with it "Check" announces the result, choices are remembered and reset; axe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import build_root_site, chromium, serve
from test_browser import axe_problems, axe_source  # noqa: F401  (axe_source is a fixture)

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_root_site(tmp_path_factory, "test-quiz")


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


def open_page(browser, url: str, **context):
    ctx = browser.new_context(viewport=DESKTOP, **context)
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return ctx, page


def test_without_javascript_choosing_an_option_shows_its_feedback(browser, server):
    ctx, page = open_page(browser, server + "choices.html", java_script_enabled=False)
    wrong = page.locator("#refinery-quiz-1-1-f")
    right = page.locator("#refinery-quiz-1-2-f")
    assert not wrong.is_visible() and not right.is_visible()
    page.locator("label[for=refinery-quiz-1-1]").click()
    assert wrong.is_visible() and not right.is_visible()
    assert "only stages changes" in wrong.inner_text()
    # Keyboard: arrow keys move the choice within the radio group.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "refinery-quiz-1-2"
    assert right.is_visible() and not wrong.is_visible()
    # Checkboxes: each checked one shows its own feedback; no Check button.
    page.locator("#refinery-quiz-2-3").focus()
    page.keyboard.press("Space")
    assert page.locator("#refinery-quiz-2-3-f").is_visible()
    assert not page.locator("#refinery-quiz-2-1-f").is_visible()
    buttons = page.locator("fieldset button")
    assert buttons.count() == 4  # the script's, hidden without it
    assert not any(buttons.nth(i).is_visible() for i in range(4))
    ctx.close()


def test_without_javascript_show_answer_opens(browser, server):
    ctx, page = open_page(browser, server + "short.html", java_script_enabled=False)
    answer = page.locator("#refinery-quiz-1 details")
    assert not answer.locator("strong").is_visible()
    answer.locator("summary").click()
    assert answer.locator("strong").inner_text() == "8"
    ctx.close()


def test_check_announces_the_result_of_multiple_choice(browser, server):
    ctx, page = open_page(browser, server + "choices.html")
    quiz = page.locator("#refinery-quiz-2")
    result = quiz.locator(".refinery-quiz-result")
    assert result.get_attribute("aria-live") == "polite"
    page.locator("#refinery-quiz-2-1").check()
    assert not page.locator("#refinery-quiz-2-1-f").is_visible()  # waits for Check
    quiz.get_by_role("button", name="Check").click()
    assert result.inner_text() == "Not quite: try again."
    assert page.locator("#refinery-quiz-2-1-f").is_visible()
    page.locator("#refinery-quiz-2-2").check()
    assert result.inner_text() == ""
    quiz.get_by_role("button", name="Check").click()
    assert result.inner_text() == "Right!"
    assert page.locator("#refinery-quiz-2-1").get_attribute("aria-describedby") == (
        "refinery-quiz-2-1-f"
    )
    # A single choice announces its result as soon as it is chosen; only the
    # chosen option is described by its feedback (no spoiler before).
    assert page.locator("#refinery-quiz-1-2").get_attribute("aria-describedby") is None
    page.locator("#refinery-quiz-1-2").check()
    assert page.locator("#refinery-quiz-1 .refinery-quiz-result").inner_text() == "Right!"
    described = page.locator("#refinery-quiz-1 input[aria-describedby]")
    assert described.count() == 1 and described.get_attribute("id") == "refinery-quiz-1-2"
    ctx.close()


@pytest.mark.parametrize(
    ("typed", "said"),
    [(" EIGHT ", "Right!"), ("8.0", "Right!"), ("nine", "Not quite: try again.")],
)
def test_check_short_answers(browser, server, typed, said):
    ctx, page = open_page(browser, server + "short.html")
    page.locator("#refinery-quiz-1-answer").fill(typed)
    page.locator("#refinery-quiz-1").get_by_role("button", name="Check").click()
    assert page.locator("#refinery-quiz-1 .refinery-quiz-result").inner_text() == said
    page.locator("#refinery-quiz-2-answer").fill("3.149")
    page.locator("#refinery-quiz-2-answer").press("Tab")
    page.locator("#refinery-quiz-2").get_by_role("button", name="Check").click()
    assert page.locator("#refinery-quiz-2 .refinery-quiz-result").inner_text() == "Right!"
    ctx.close()


def test_choices_are_remembered_after_reload_and_reset(browser, server):
    ctx, page = open_page(browser, server + "choices.html")
    page.locator("#refinery-quiz-1-3").check()
    page.locator("#refinery-quiz-2-1").check()
    page.locator("#refinery-quiz-2-3").check()
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#refinery-quiz-1-3").is_checked()
    checked = page.locator("#refinery-quiz-2 input:checked")
    assert [checked.nth(i).get_attribute("value") for i in range(checked.count())] == ["1", "3"]
    page.locator("#refinery-quiz-2").get_by_role("button", name="Reset").click()
    assert page.locator("#refinery-quiz-2 input:checked").count() == 0
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#refinery-quiz-2 input:checked").count() == 0
    assert page.locator("#refinery-quiz-1-3").is_checked()  # only that quiz was reset
    # Another page keeps its own choices.
    short = ctx.new_page()
    short.goto(server + "short.html")
    short.locator("#refinery-quiz-1-answer").fill("eight")
    short.reload()
    assert short.locator("#refinery-quiz-1-answer").input_value() == "eight"
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_quiz_pages(browser, server, axe_source, scheme):  # noqa: F811
    pages = ["choices.html", "short.html", "rest.html", "list.html", "instructor/choices.html"]
    problems = axe_problems(browser, server, pages, axe_source, scheme, settle_ms=100)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_once_feedback_shows(browser, server, axe_source, scheme):  # noqa: F811
    """Every violation (not only serious ones), with feedback, results and answers shown."""
    ctx, page = open_page(browser, server + "choices.html", color_scheme=scheme)
    page.locator("#refinery-quiz-1-1").check()
    page.locator("#refinery-quiz-2-1").check()
    page.locator("#refinery-quiz-2").get_by_role("button", name="Check").click()
    short = ctx.new_page()
    short.goto(server + "short.html")
    short.locator("#refinery-quiz-1-answer").fill("7")
    short.locator("#refinery-quiz-1").get_by_role("button", name="Check").click()
    short.locator("#refinery-quiz-1 summary").click()
    problems = []
    for tab in (page, short):
        tab.add_script_tag(content=axe_source)
        result = tab.evaluate("async () => await axe.run(document)")
        problems += [
            f"{tab.url} [{scheme}] {v['id']}: {v['nodes'][0]['target']}"
            for v in result["violations"]
        ]
    ctx.close()
    assert not problems, "\n".join(problems)
