"""Issue 13's whole quiz in a real browser, in each language: the course's 30-question quiz paged
by 5, a jump through the navigator, a flag, an answer refused as typed and corrected at once, the
summary with unanswered questions, submit, only my mistakes, practise my mistakes."""

import re

import pytest
from playwright.sync_api import expect

from course.languages import COURSE_CODES
from tests.browser.conftest import FINISH, START, SUBMIT, SUBMIT_ANYWAY, tab_to
from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser

NAVIGATOR = {
    "vi": "Các câu hỏi của lượt làm bài này",
    "ru": "Вопросы этой попытки",
    "en": "Questions of this attempt",
}
ONLY = {"vi": "Chỉ các câu sai (29)", "ru": "Только мои ошибки (29)", "en": "Only my mistakes (29)"}
PRACTISE = {
    "vi": "Luyện lại câu sai: 29 câu",
    "ru": "Работа над ошибками: 29 вопросов",
    "en": "Practise my mistakes: 29 questions",
}
PRACTISING = {
    "vi": "Luyện lại các câu sai",
    "ru": "Работа над ошибками",
    "en": "Practising your mistakes",
}
UNANSWERED = {
    "vi": "28 câu hỏi chưa được trả lời.",
    "ru": "28 вопросов без ответа.",
    "en": "28 questions are not answered.",
}


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_a_thirty_question_quiz_from_the_navigator_to_practising_the_mistakes(
    live_course, browser, lang
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_course.url}/{lang}/quizzes/foundations-quiz")
    page.get_by_role("button", name=START[lang]).click()
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    navigator = page.get_by_role("navigation", name=NAVIGATOR[lang])
    expect(navigator.locator("a.nav-question")).to_have_count(30)
    expect(page.locator("section.question")).to_have_count(5)

    # The navigator leads to question 11, on another page; it is flagged there.
    navigator.locator("a[data-question-id=q-found-11]").click()
    page.wait_for_url(re.compile(r"page=3"))
    question = page.locator("#q-q-found-11")
    expect(question).to_be_in_viewport()
    question.locator("[data-flag]").click()
    expect(question.locator("[data-flag]")).to_have_attribute("aria-pressed", "true")
    expect(navigator.locator("a[data-question-id=q-found-11]")).to_have_class(
        re.compile("is-flagged")
    )

    # "XXI" is refused at that question as soon as it is saved, and corrected at once.
    page.fill("#answer-q-found-11", "XXI")
    page.press("#answer-q-found-11", "Tab")
    expect(question.locator(".field-error")).to_be_visible()
    expect(navigator.locator("a[data-question-id=q-found-11]")).to_have_class(
        re.compile("has-problem")
    )
    page.fill("#answer-q-found-11", "4")
    page.press("#answer-q-found-11", "Tab")
    expect(question.locator(".field-error")).to_have_count(0)
    page.fill("#answer-q-found-12", "19")  # the 21st century: a mistake
    page.press("#answer-q-found-12", "Tab")
    expect(navigator.locator("a.nav-question.is-answered")).to_have_count(2)
    assert not serious_violations(page)

    # The summary lists the flagged and the unanswered questions; submitting asks once more.
    page.get_by_role("button", name=FINISH[lang]).click()
    page.wait_for_url(re.compile(r"/summary$"))
    expect(page.locator("#summary-flagged + ul a")).to_have_count(1)
    expect(page.locator("#summary-unanswered + ul a")).to_have_count(28)
    assert not serious_violations(page)
    page.get_by_role("button", name=SUBMIT[lang], exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(UNANSWERED[lang])
    page.get_by_role("button", name=SUBMIT_ANYWAY[lang]).click()
    page.wait_for_selector(".score-card")

    # Only the mistakes: 28 unanswered and one wrong, question 11 (right) is not among them.
    page.get_by_role("link", name=ONLY[lang]).click()
    expect(page.locator(".results > .result:visible")).to_have_count(29)
    expect(page.locator("#q-q-found-11")).to_be_hidden()

    # Practising them is an attempt of its own, made of those 29 questions.
    page.get_by_role("button", name=PRACTISE[lang]).click()
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    expect(page.locator("main")).to_contain_text(PRACTISING[lang])
    expect(navigator.locator("a.nav-question")).to_have_count(29)
    context.close()


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_the_same_quiz_by_keyboard_alone(live_course, browser, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_course.url}/{lang}/quizzes/foundations-quiz")
    tab_to(page, "form[action$='/attempts'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+"))

    tab_to(page, "a.nav-question[data-question-id=q-found-11]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"page=3"))
    tab_to(page, "#q-q-found-11 [data-flag]")
    page.keyboard.press("Space")
    expect(page.locator("#q-q-found-11 [data-flag]")).to_have_attribute("aria-pressed", "true")
    tab_to(page, "#answer-q-found-11")
    page.keyboard.type("XXI")
    page.keyboard.press("Tab")
    expect(page.locator("#q-q-found-11 .field-error")).to_be_visible()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    expect(page.locator("#q-q-found-11 .field-error")).to_have_count(0)

    tab_to(page, "button[value=finish]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/summary$"))
    tab_to(page, "form[action$='/submit'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_be_focused()
    tab_to(page, "form[action$='/submit'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".score-card")

    tab_to(page, "a[href*='only=mistakes']")
    page.keyboard.press("Enter")
    expect(page.locator("#q-q-found-11")).to_be_hidden()
    tab_to(page, "form[action$='/mistakes'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    expect(page.locator("main")).to_contain_text(PRACTISING[lang])
    context.close()
