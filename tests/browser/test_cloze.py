"""A fill-in-the-blanks question in a real browser: labelled blanks, filled by keyboard alone."""

import pytest

from tests.browser.conftest import serving, submit_from_summary
from tests.cloze_content import add_cloze
from tests.conftest import make_app

pytestmark = pytest.mark.browser

LABEL = {"en": "Blank {} of 3", "ru": "Пропуск {} из 3"}


@pytest.fixture
def live_cloze(tmp_path, content_copy):
    with serving(make_app(tmp_path, content_dir=add_cloze(content_copy))) as server:
        yield server


def start(page, live, lang):
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.locator("form[action$='/attempts'] button").click()
    page.wait_for_selector("#q-q-cloze")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_blank_is_labelled_in_the_order_of_the_learners_language(live_cloze, page, lang):
    start(page, live_cloze, lang)
    first = {"en": "answer-q-cloze-year", "ru": "answer-q-cloze-tool"}[lang]
    assert page.get_by_label(LABEL[lang].format(1)).get_attribute("name") == first
    assert page.get_by_label(LABEL[lang].format(3)).get_attribute("name") == "answer-q-cloze-whom"


def test_a_cloze_is_filled_by_keyboard_and_scored_per_blank(live_cloze, page):
    start(page, live_cloze, "en")
    page.get_by_label("Blank 1 of 3").focus()
    page.keyboard.type("2019")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "answer-q-cloze-tool"
    page.keyboard.press("ArrowDown")  # the blank entry first, then the options in their order
    chosen = page.input_value("#answer-q-cloze-tool")
    page.keyboard.press("Tab")
    page.keyboard.type("the press office")
    submit_from_summary(page)
    card = page.locator("#q-q-cloze")
    lines = card.locator(".answer-compare dd").first.text_content()  # folded when right
    assert "1. 2019" in lines and "3. the press office" in lines
    expected = "Correct" if chosen == "zalo" else "Partly correct"
    assert expected in card.locator(".badge").inner_text()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_the_passage_wraps_on_a_phone_and_a_wide_screen(
    live_cloze, browser, tmp_path, width, height
):
    """Screenshots of the attempt and the result go to the test's tmp_path (see --basetemp)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    start(page, live_cloze, "ru")
    page.fill("#answer-q-cloze-year", "2019")
    page.select_option("#answer-q-cloze-tool", "fax")
    page.locator("#q-q-cloze").screenshot(path=tmp_path / f"attempt-{width}.png")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width  # the passage wraps, nothing runs off the screen
    submit_from_summary(page, "ru")
    page.locator("#q-q-cloze").screenshot(path=tmp_path / f"result-{width}.png")
    context.close()


def test_axe_finds_nothing_serious_on_a_cloze_attempt_and_result(live_cloze, browser):
    from tests.browser.test_accessibility import serious_violations

    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    start(page, live_cloze, "vi")
    assert not serious_violations(page)
    submit_from_summary(page, "vi")
    assert not serious_violations(page)
    context.close()
