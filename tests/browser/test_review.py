"""Spaced review in a real browser: two questions missed come back, the menu counts them down,
and glossary flashcards flip and are rated with the keyboard alone, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from course.extensions import db
from course.languages import COURSE_CODES
from course.spaced_review.models import ReviewLog
from tests.browser.conftest import FINISH, START, SUBMIT
from tests.browser.test_accessibility import axe_page, serious_violations
from tests.browser.test_learner_path import MARK_DONE, answer_everything

pytestmark = pytest.mark.browser

assert axe_page  # a fixture of this module too
MENU = {"vi": "Ôn tập", "ru": "Повторение", "en": "Review"}
DUE_LABEL = {
    "vi": "{n} thẻ đến hạn hôm nay",
    "ru": "{n} карточки на сегодня",
    "en": "{n} cards due today",
}
START_REVIEW = {"vi": "Bắt đầu ôn tập", "ru": "Начать повторение", "en": "Start a review session"}
CHECK = {"vi": "Kiểm tra câu trả lời", "ru": "Проверить ответ", "en": "Check the answer"}
NEXT = {"vi": "Thẻ tiếp theo", "ru": "Следующая карточка", "en": "Next card"}
TO_SUMMARY = {"vi": "Xem tổng kết buổi ôn", "ru": "Итоги сеанса", "en": "See the session's summary"}
FINISHED = {"vi": "Đã xong buổi ôn", "ru": "Сеанс завершён", "en": "Session finished"}


def menu_link(page, lang):
    return page.locator(f".site-nav a[href='/{lang}/review'], nav a[href='/{lang}/review']").first


def due_in_menu(page, lang) -> str:
    count = menu_link(page, lang).locator(".due-count")
    return count.text_content().strip() if count.count() else ""


def miss_two_questions(page, live, lang):
    """The quiz submitted with every answer right but two: single choice and true/false."""
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.get_by_role("button", name=START[lang]).click()
    answer_everything(page, lang)
    page.check("input[value=economic]")
    page.check("input[name=answer-q-truefalse][value=true]")
    page.get_by_role("button", name=FINISH[lang]).click()
    page.wait_for_url(re.compile(r"/summary"))
    page.get_by_role("button", name=SUBMIT[lang]).click()
    page.wait_for_selector(".score-card")


def answer_shown_question_right(page):
    if page.locator("input[value=public]").count():
        page.check("input[value=public]")
    else:
        page.check("input[name=answer-q-truefalse][value=false]")


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_two_questions_missed_come_back_and_the_count_falls(live, page, lang, tmp_path):
    miss_two_questions(page, live, lang)
    page.goto(f"{live.url}/{lang}/")
    assert due_in_menu(page, lang) == "(2)"
    # "(2)" is for the eye; Chromium puts a space before the hidden label's colon.
    name = re.compile(rf"^{MENU[lang]} ?: {DUE_LABEL[lang].format(n=2)}$")
    assert page.get_by_role("link", name=name).count() == 1

    menu_link(page, lang).click()
    page.get_by_role("button", name=START_REVIEW[lang]).click()
    answer_shown_question_right(page)
    page.get_by_role("button", name=CHECK[lang]).click()
    page.wait_for_url(re.compile(r"/cards/"))
    assert page.locator(".explanation").count() == 1
    assert due_in_menu(page, lang) == "(1)"
    page.screenshot(path=tmp_path / f"review-feedback-{lang}.png", full_page=True)

    page.get_by_role("link", name=NEXT[lang]).click()
    answer_shown_question_right(page)
    page.get_by_role("button", name=CHECK[lang]).click()
    page.get_by_role("link", name=TO_SUMMARY[lang]).click()
    assert FINISHED[lang] in page.inner_text("h1")
    assert due_in_menu(page, lang) == ""


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_flashcards_flip_and_are_rated_with_the_keyboard(live, page, lang):
    page.goto(f"{live.url}/{lang}/lessons/first-lesson")
    page.get_by_role("button", name=MARK_DONE[lang]).click()
    page.goto(f"{live.url}/{lang}/review")
    page.get_by_role("button", name=START_REVIEW[lang]).focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("details[data-flip]")
    answer = page.locator(".flash-answer")
    assert not answer.is_visible()
    # The page's script moves the focus once it runs: expect waits for it.
    expect(page.locator("details[data-flip] summary")).to_be_focused()
    page.keyboard.press("Space")
    assert answer.is_visible()
    expect(answer).to_be_focused()
    first = page.inner_text(".flash-front")
    page.keyboard.press("3")
    # Playwright's expect polls from outside the page: the page's CSP forbids evaluated strings.
    expect(page.locator(".flash-front")).not_to_have_text(first)
    expect(page.locator("details[data-flip] summary")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("4")
    page.wait_for_selector(".review-summary")
    with live.app.app_context():
        assert list(db.session.scalars(select(ReviewLog.rating).order_by(ReviewLog.id))) == [3, 4]


def test_no_serious_accessibility_violation_on_the_review_pages(live, axe_page):
    page = axe_page
    miss_two_questions(page, live, "vi")
    page.goto(f"{live.url}/vi/lessons/first-lesson")
    page.get_by_role("button", name=MARK_DONE["vi"]).click()
    page.goto(f"{live.url}/vi/review")
    assert not serious_violations(page)
    page.get_by_role("button", name=START_REVIEW["vi"]).click()
    assert not serious_violations(page)  # a question card
    answer_shown_question_right(page)
    page.get_by_role("button", name=CHECK["vi"]).click()
    assert not serious_violations(page)  # its feedback
    page.get_by_role("link", name=NEXT["vi"]).click()
    answer_shown_question_right(page)
    page.get_by_role("button", name=CHECK["vi"]).click()
    page.get_by_role("link", name=NEXT["vi"]).click()
    page.locator("details[data-flip] summary").click()
    assert not serious_violations(page)  # a flashcard, turned over
    page.goto(f"{live.url}/vi/review/settings")
    assert not serious_violations(page)


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_a_flashcard_fits_a_phone(live, browser, lang, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    page.goto(f"{live.url}/{lang}/lessons/first-lesson")
    page.get_by_role("button", name=MARK_DONE[lang]).click()
    page.goto(f"{live.url}/{lang}/review")
    page.get_by_role("button", name=START_REVIEW[lang]).tap()
    page.locator("details[data-flip] summary").tap()
    ratings = page.locator("button[name=rating]")
    assert ratings.count() == 4
    for index in range(4):
        box = ratings.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 40
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=tmp_path / f"flashcard-{lang}-360.png", full_page=True)
    context.close()
