"""Results that teach, in a real browser: submit with mistakes, show only the mistakes, practise
them and submit that practice; on a desktop and on a phone, in each language."""

import re

import pytest

from course.languages import COURSE_CODES
from tests.browser.conftest import FINISH, START, put_in_order
from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser

ONLY = {"vi": "Chỉ các câu sai (3)", "ru": "Только мои ошибки (3)", "en": "Only my mistakes (3)"}
ALL = {"vi": "Tất cả câu hỏi (7)", "ru": "Все вопросы (7)", "en": "All questions (7)"}
PRACTISE = {
    "vi": "Luyện lại câu sai: 3 câu",
    "ru": "Работа над ошибками: 3 вопроса",
    "en": "Practise my mistakes: 3 questions",
}
NUMBER = {"en": "73.6", "vi": "73,6", "ru": "73,6"}


def answer_with_three_mistakes(page):
    """The first lesson right; no number, the order half wrong, the text wrong (4, 5, 7)."""
    page.check("input[value=public]")
    page.check("input[value=cyber]")
    page.check("input[value=virtual]")
    page.check("input[name=answer-q-truefalse][value=false]")
    put_in_order(page, "#q-q-ordering", ["statecraft", "indonesia", "singapore"])
    page.select_option("#answer-q-matching-india", "first")
    page.select_option("#answer-q-matching-usa", "second")
    page.fill("#answer-q-text", "Facebook")


def submit(page, lang):
    """Review and submit, and submit once more if asked about unanswered questions."""
    page.get_by_role("button", name=FINISH[lang]).click()
    page.wait_for_url(re.compile(r"/summary"))
    page.locator("form[action$='/submit'] button[type=submit]").click()
    page.wait_for_load_state()
    if page.locator("input[name=confirm]").count():
        page.locator("form[action$='/submit'] button[type=submit]").click()
    page.wait_for_selector(".score-card")


def shown_numbers(page) -> list[str]:
    headings = page.locator(".results > .result:visible .question-number").all_inner_texts()
    return [re.search(r"\d+", text).group(0) for text in headings]


@pytest.mark.parametrize("lang", COURSE_CODES)
@pytest.mark.parametrize("viewport", [(1280, 900), (360, 740)], ids=["desktop", "phone"])
def test_mistakes_shown_alone_then_practised(live, browser, lang, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.get_by_role("button", name=START[lang]).click()
    answer_with_three_mistakes(page)
    submit(page, lang)
    page.wait_for_selector(".score-card")
    result_url = page.url
    assert page.locator(".lesson-scores a").first.get_attribute("href").endswith("second-lesson")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]

    page.get_by_role("link", name=ONLY[lang]).click()  # at once, with the page's script
    assert shown_numbers(page) == ["4", "5", "7"]
    assert page.url.endswith("?only=mistakes")
    page.get_by_role("link", name=ALL[lang]).click()
    assert len(shown_numbers(page)) == 7
    page.goto(f"{result_url}?only=mistakes")  # as without the script: the server filters
    assert shown_numbers(page) == ["4", "5", "7"]

    page.get_by_role("button", name=PRACTISE[lang]).click()
    page.wait_for_selector(".kind-note")
    assert page.locator("section.question").count() == 3
    page.fill("#answer-q-numeric", NUMBER[lang])
    put_in_order(page, "#q-q-ordering", ["statecraft", "singapore", "indonesia"])
    page.fill("#answer-q-text", "Zalo")
    submit(page, lang)
    page.wait_for_selector(".score-card.passed")
    assert page.locator(".kind-note").is_visible()
    assert page.get_by_role("button", name=PRACTISE[lang]).count() == 0
    context.close()


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_axe_finds_nothing_serious_on_a_result_with_mistakes_and_its_practice(live, browser, lang):
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.get_by_role("button", name=START[lang]).click()
    answer_with_three_mistakes(page)
    submit(page, lang)
    page.wait_for_selector(".lesson-scores")
    page.locator(".result-folded summary").first.click()  # a right answer unfolded
    assert not serious_violations(page)
    page.get_by_role("link", name=ONLY[lang]).click()
    assert not serious_violations(page)
    page.get_by_role("button", name=PRACTISE[lang]).click()
    page.wait_for_selector(".kind-note")
    assert not serious_violations(page)
    submit(page, lang)
    page.wait_for_selector(".score-card")
    assert not serious_violations(page)
    context.close()
