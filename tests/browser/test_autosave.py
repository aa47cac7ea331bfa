"""Saving one answer at a time: the page sends only the answer that changed, and a problem
with it is shown at its question at once, then cleared when it is corrected."""

import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from course.extensions import db
from course.languages import COURSE_CODES
from course.quizzes.attempts import stored_answers
from course.quizzes.models import Attempt

pytestmark = pytest.mark.browser

NOT_A_NUMBER = {"vi": "không phải là một số", "ru": "не число", "en": "is not a number"}
SAVED_EVENTS = """
window.savedEvents = [];
document.addEventListener("course:answer-saved", (event) => window.savedEvents.push(event.detail));
"""


def start(live, page, lang: str) -> int:
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.locator("form[action$='/attempts'] button").click()
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    page.evaluate(SAVED_EVENTS)
    return int(re.search(r"/attempts/(\d+)", page.url).group(1))


def record_saves(page) -> list[dict]:
    """The body of every request that changes the attempt, as the server reads it."""
    sent: list[dict] = []

    def on_request(request):
        if request.method in ("PUT", "POST") and "/attempts/" in request.url:
            sent.append({"method": request.method, "url": request.url, **_fields(request)})

    page.on("request", on_request)
    return sent


def _fields(request) -> dict:
    return {"fields": parse_qs(request.post_data or "", keep_blank_values=True)}


def wait_for_saves(page, count: int) -> list[dict]:
    """The `course:answer-saved` events, once there are `count` (the page's CSP forbids
    wait_for_function's eval)."""
    for _ in range(100):
        events = page.evaluate("window.savedEvents")
        if len(events) >= count:
            return events
        page.wait_for_timeout(100)
    raise AssertionError(f"{count} saves expected, {len(events)} seen")


def stored(live, attempt_id: int) -> dict:
    with live.app.app_context():
        return stored_answers(db.session.get(Attempt, attempt_id))


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_a_problem_is_shown_at_its_question_at_once_and_cleared_when_corrected(live, page, lang):
    attempt_id = start(live, page, lang)
    sent = record_saves(page)
    page.fill("#answer-q-numeric", "XXI")  # no button pressed: the page saves it by itself
    error = page.locator("#q-q-numeric .field-error#error-q-numeric")
    expect(error).to_contain_text(NOT_A_NUMBER[lang], timeout=5000)
    expect(error).to_contain_text("XXI")
    field = page.locator("#answer-q-numeric")
    assert "error-q-numeric" in field.get_attribute("aria-describedby").split()
    assert "prompt-q-numeric" in field.get_attribute("aria-describedby").split()
    status = page.locator(".autosave-status[role=status]")
    expect(status).to_contain_text(NOT_A_NUMBER[lang])  # read out by screen readers
    expect(page.locator("#q-q-numeric")).to_have_class(re.compile("has-problem"))
    assert page.locator(".field-error").count() == 1  # at that question only
    assert stored(live, attempt_id) == {}

    page.fill("#answer-q-numeric", "42")
    expect(error).to_have_count(0, timeout=5000)
    described_by = field.get_attribute("aria-describedby").split()
    assert "error-q-numeric" not in described_by
    assert "prompt-q-numeric" in described_by
    expect(page.locator("#q-q-numeric")).not_to_have_class(re.compile("has-problem"))
    assert stored(live, attempt_id) == {"q-numeric": {"text": "42", "lang": lang}}

    # Only that one answer went out, through the API, never the whole form.
    assert [s["method"] for s in sent] == ["PUT", "PUT"]
    for save in sent:
        assert f"/api/v1/attempts/{attempt_id}/answers?lang={lang}" in save["url"]
        assert save["fields"]["question"] == ["q-numeric"]
        answers = {name for name in save["fields"] if name.startswith("answer-")}
        assert answers == {"answer-q-numeric"}  # no other question's fields
    assert [s["fields"]["answer-q-numeric"] for s in sent] == [["XXI"], ["42"]]
    assert [s["fields"]["revision"] for s in sent] == [["0"], ["0"]]  # XXI changed nothing
    events = page.evaluate("window.savedEvents")
    assert [e["questionId"] for e in events] == ["q-numeric", "q-numeric"]
    assert [e["answered"] for e in events] == [False, True]
    assert NOT_A_NUMBER[lang] in events[0]["problem"]
    assert events[1]["problem"] is None


def test_each_change_sends_its_own_question_with_the_revision_moving_on(live, page):
    attempt_id = start(live, page, "en")
    sent = record_saves(page)
    page.check("input[value=public]")
    expect(page.locator(".autosave-status")).to_have_text("All answers saved.")
    page.check("input[value=cyber]")
    page.select_option("#answer-q-matching-usa", "second")
    wait_for_saves(page, 3)
    questions = [s["fields"]["question"] for s in sent]
    assert questions[0] == ["q-single"]
    assert sorted(q for qs in questions[1:] for q in qs) == ["q-matching", "q-multiple"]
    assert all(s["method"] == "PUT" for s in sent)
    assert stored(live, attempt_id) == {
        "q-single": "public",
        "q-multiple": ["cyber"],
        "q-matching": {"usa": "second"},
    }
    page.uncheck("input[value=cyber]")  # nothing ticked: the answer is removed
    assert wait_for_saves(page, 4)[-1] == {
        "questionId": "q-multiple",
        "answered": False,
        "problem": None,
    }
    assert "q-multiple" not in stored(live, attempt_id)


def test_a_save_from_a_stale_page_is_refused_and_says_so(live, page):
    attempt_id = start(live, page, "en")
    other = page.context.new_page()
    other.goto(page.url)
    other.check("input[value=economic]")
    expect(other.locator(".autosave-status")).to_have_text("All answers saved.")
    page.check("input[value=public]")
    expect(page.locator(".autosave-status")).to_contain_text("changed in another tab")
    assert stored(live, attempt_id) == {"q-single": "economic"}
