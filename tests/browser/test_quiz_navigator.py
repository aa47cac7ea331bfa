"""The navigator, a flag and the summary in a real browser: a quiz paged by five (the default).

Waits use Playwright's `expect`, which polls from outside the page: `wait_for_function` with a
string is evaluated in the page, which its CSP forbids once the first check fails."""

import re

import pytest
from playwright.sync_api import expect

from course.extensions import db
from course.quizzes.models import Attempt
from tests.browser.conftest import serving
from tests.conftest import make_app

pytestmark = pytest.mark.browser

QUIZ = "quizzes/demo-quiz.yaml"


@pytest.fixture
def live_paged(tmp_path, content_copy):
    """The test content without its one-page setting: five questions a page."""
    path = content_copy / QUIZ
    path.write_text(path.read_text(encoding="utf-8").replace("per_page: all\n", ""), "utf-8")
    with serving(make_app(tmp_path, content_dir=content_copy)) as server:
        yield server


def stored(live, attempt_id):
    with live.app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        return {"answered": {a.question_id for a in attempt.answers}, "flagged": attempt.flagged}


def start(page, live, lang="en") -> int:
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.locator("form[action$='/attempts'] button").click()
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    return int(re.search(r"/attempts/(\d+)", page.url).group(1))


def nav_item(page, question_id):
    return page.locator(f".quiz-nav a[data-question-id={question_id}]")


def test_navigator_flag_and_summary(live_paged, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    attempt_id = start(page, live_paged)
    nav = page.get_by_role("navigation", name="Questions of this attempt")
    assert nav.locator("a").count() == 7
    assert page.locator("section.question").count() == 5
    assert "not answered" in nav_item(page, "q-single").inner_text()

    # An answer saved: the autosave (autosave.js) says so with its event, the navigator follows.
    page.check("input[value=public]")
    page.locator(".quiz-nav a.is-answered[data-question-id=q-single]").wait_for()
    assert "is-answered" in nav_item(page, "q-single").get_attribute("class")
    assert "Question 1: answered" in nav_item(page, "q-single").inner_text()
    assert nav.locator("[data-answered-count]").inner_text() == "1"

    # A flag, set without reloading the page.
    page.evaluate("window.notReloaded = true")
    flag = page.locator("#q-q-numeric button[name=flag]")
    flag.click()
    expect(page.locator("#q-q-numeric [data-flag]")).to_have_attribute("aria-pressed", "true")
    nav_item(page, "q-numeric").and_(page.locator(".is-flagged")).wait_for()
    assert "flagged for review" in nav_item(page, "q-numeric").inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert stored(live_paged, attempt_id)["flagged"] == ["q-numeric"]

    # A jump to a question of the next page saves this one's answers first.
    nav_item(page, "q-text").click()
    page.wait_for_url(re.compile(r"\?page=2#q-q-text$"))
    assert page.locator("section.question").count() == 2
    assert stored(live_paged, attempt_id)["answered"] == {"q-single"}
    page.fill("#answer-q-text", "Zalo")

    # The summary: answered, unanswered and flagged; then submit, asked once more.
    page.get_by_role("button", name="Review and submit…").click()
    page.wait_for_url(re.compile(r"/summary$"))
    assert "2 of 7 questions answered" in page.inner_text("main")
    flagged = page.locator("#summary-flagged + ul a")
    assert flagged.inner_text() == "Question 4"
    page.get_by_role("button", name="Submit answers").click()
    alert = page.get_by_role("alert")
    assert "5 questions are not answered." in alert.inner_text()
    # navigator.js moves the focus once it runs, which may be just after the page is shown
    expect(page.locator(".error-summary")).to_be_focused()
    page.get_by_role("button", name="Yes, submit anyway").click()
    page.wait_for_selector(".score-card")
    context.close()


def test_on_a_phone_the_navigator_is_a_bar_that_opens(live_paged, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(10_000)
    start(page, live_paged, "ru")
    fold = page.locator(".quiz-nav details")
    assert fold.get_attribute("open") is None
    page.locator("button[value=finish]").scroll_into_view_if_needed()
    assert page.locator(".quiz-top").bounding_box()["y"] == 0  # it stays at the top
    page.locator(".quiz-nav summary").click()
    nav_item(page, "q-ordering").click()  # on this page: it scrolls there, and folds again
    expect(page).to_have_url(re.compile(r"#q-q-ordering$"))
    assert fold.get_attribute("open") is None
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_the_error_summary_links_to_the_question_and_has_the_focus(live_paged, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    start(page, live_paged, "vi")
    page.fill("#answer-q-numeric", "XXI")
    page.keyboard.press("Tab")  # the autosave tells the problem at once, the navigator too
    problem = page.locator(".quiz-nav a.has-problem[data-question-id=q-numeric]")
    problem.wait_for()
    assert "có câu trả lời cần sửa" in problem.inner_text()
    page.locator("button[value=finish]").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    # navigator.js moves the focus once it runs, which may be just after the page is shown
    expect(page.locator(".error-summary")).to_be_focused()
    link = summary.get_by_role("link")
    assert link.inner_text().startswith("Câu hỏi 4: ")
    link.click()
    expect(page).to_have_url(re.compile(r"#q-q-numeric$"))
    context.close()


def test_the_navigator_and_the_flag_work_by_keyboard(live_paged, browser):
    from tests.browser.conftest import tab_to

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    attempt_id = start(page, live_paged, "ru")
    tab_to(page, "#q-q-single button[name=flag]")
    page.keyboard.press("Enter")
    expect(page.locator("#q-q-single [data-flag]")).to_have_attribute("aria-pressed", "true")
    assert stored(live_paged, attempt_id)["flagged"] == ["q-single"]
    page.keyboard.press("Shift+Tab")  # back up to the navigator, before the questions
    tab_to(page, ".quiz-nav a[data-question-id=q-matching]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?page=2#q-q-matching$"))
    assert "Вопрос 6" in page.inner_text("#q-q-matching")
    context.close()
