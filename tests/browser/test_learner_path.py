"""A learner's whole path in a real browser, in each language, with the mouse and the keyboard."""

import re

import pytest

from course.languages import COURSE_CODES
from tests.browser.conftest import FINISH, START, SUBMIT, order_of, put_in_order, tab_to

pytestmark = pytest.mark.browser

LANGS = COURSE_CODES
MARK_DONE = {
    "vi": "Đánh dấu đã học xong bài này",
    "ru": "Отметить урок как пройденный",
    "en": "Mark this lesson as done",
}


def answer_everything(page, lang):
    page.check("input[value=public]")
    page.check("input[value=cyber]")
    page.check("input[value=virtual]")
    page.check("input[name=answer-q-truefalse][value=false]")
    page.fill("#answer-q-numeric", {"en": "73.6", "vi": "73,6", "ru": "73,6"}[lang])
    put_in_order(page, "#q-q-ordering", ["statecraft", "singapore", "indonesia"])
    page.select_option("#answer-q-matching-india", "first")
    page.select_option("#answer-q-matching-usa", "second")
    page.fill("#answer-q-text", "Zalo")


@pytest.mark.parametrize("lang", LANGS)
def test_learner_reads_a_lesson_and_passes_the_quiz(live, page, lang):
    page.goto(f"{live.url}/{lang}/")
    assert page.get_attribute("html", "lang") == lang
    page.click("ol.module-list a >> nth=1")  # the first lesson of the first module
    page.get_by_role("button", name=MARK_DONE[lang]).click()
    assert "/lessons/second-lesson" in page.url
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.get_by_role("button", name=START[lang]).click()
    answer_everything(page, lang)
    page.get_by_role("button", name=FINISH[lang]).click()
    page.wait_for_url(re.compile(r"/summary"))
    page.get_by_role("button", name=SUBMIT[lang]).click()
    page.wait_for_selector(".score-card.passed")
    assert "100" in page.inner_text(".score-card")
    page.goto(f"{live.url}/{lang}/progress")
    assert "1" in page.inner_text(".progress-table")


def test_switching_language_mid_quiz_keeps_every_answer(live, page):
    page.goto(f"{live.url}/en/quizzes/demo-quiz")
    page.get_by_role("button", name="Start the quiz").click()
    answer_everything(page, "en")
    page.click(".language-switcher button[value=ru]")
    page.wait_for_url(re.compile(r"/ru/attempts/"))
    assert page.get_attribute("html", "lang") == "ru"
    assert page.is_checked("input[value=public]")
    assert page.is_checked("input[value=virtual]")
    assert page.input_value("#answer-q-numeric") == "73,6"
    assert page.input_value("#answer-q-matching-usa") == "second"
    page.get_by_role("button", name=FINISH["ru"]).click()
    page.get_by_role("button", name=SUBMIT["ru"]).click()
    page.wait_for_selector(".score-card.passed")


def test_answers_are_saved_as_you_go(live, page):
    page.goto(f"{live.url}/en/quizzes/demo-quiz")
    page.get_by_role("button", name="Start the quiz").click()
    page.check("input[value=economic]")
    page.locator(".autosave-status", has_text="saved").wait_for()
    page.reload()
    assert page.is_checked("input[value=economic]")


def test_a_quiz_can_be_completed_with_the_keyboard_alone(live, page):
    page.goto(f"{live.url}/en/quizzes/demo-quiz")
    tab_to(page, "form[action$='/attempts'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    tab_to(page, "input[name=answer-q-single]")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    for _ in range(3):  # arrow keys move between the radio buttons of a group
        if page.evaluate("document.activeElement.value") == "public":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, "input[value=cyber]")
    page.keyboard.press("Space")
    tab_to(page, "#answer-q-numeric")
    page.keyboard.type("73.6")
    for target, item in enumerate(["statecraft", "singapore"]):  # the third follows
        tab_to(page, f"#q-q-ordering li[data-item={item}] [data-move='-1']")  # "Move up"
        while order_of(page, "#q-q-ordering").index(item) > target:
            page.keyboard.press("Enter")  # the focus stays on the moved item's button
    tab_to(page, "#answer-q-text")
    page.keyboard.type("Zalo")
    tab_to(page, "button[value=finish]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/summary"))
    tab_to(page, "form[action$='/submit'] button[type=submit]")
    page.keyboard.press("Enter")  # two questions are left unanswered: asked once more
    page.wait_for_selector("input[name=confirm]", state="attached")
    tab_to(page, "form[action$='/submit'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".score-card")
    # public (1) + one of two right picks (0.5) + 73.6 (1) + the order (1) + Zalo (1)
    assert "4.5 of 7 points" in page.inner_text(".score-card")
