"""The time limit as the learner lives it: a countdown from the server's figure, a warning a
minute before, and the answers saved and submitted when time is up."""

import re

import pytest
from playwright.sync_api import expect

from course.extensions import db
from course.languages import COURSE_CODES
from course.quizzes.attempts import stored_answers
from course.quizzes.models import Attempt

pytestmark = pytest.mark.browser

LANGS = COURSE_CODES
WARNING = {
    "vi": "Còn chưa đầy một phút",
    "ru": "Осталось меньше минуты",
    "en": "Less than a minute left",
}
FIVE_MINUTES = {
    "vi": "Còn chưa đầy 5 phút.",
    "ru": "Осталось меньше 5 минут.",
    "en": "Less than 5 minutes left.",
}
TIME_IS_UP = {"vi": "Đã hết giờ", "ru": "Время вышло", "en": "Time is up"}
# A device clock five hours and a half behind, as a fake Date: the countdown must not care.
WRONG_CLOCK = """
(() => {
  const RealDate = Date, shift = -5.5 * 3600 * 1000;
  class WrongDate extends RealDate {
    constructor(...args) { super(...(args.length ? args : [RealDate.now() + shift])); }
    static now() { return RealDate.now() + shift; }
  }
  window.Date = WrongDate;
})();
"""


def seconds_shown(page) -> int:
    minutes, seconds = page.inner_text(".countdown-digits").split(":")[-2:]
    return int(minutes) * 60 + int(seconds)


def stored(live, attempt_id: int) -> dict:
    with live.app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        return {"answers": stored_answers(attempt), "is_submitted": attempt.is_submitted}


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(600, r"(10:00|09:5\d)"), (2 * 3600 + 5, r"2:00:0\d"), (59, r"00:5\d")],
)
def test_the_countdown_shows_the_time_left_and_decreases(timed_attempt, page, seconds, shown):
    timed_attempt(page, "en", seconds)
    digits = page.locator(".countdown-digits")
    expect(digits).to_have_text(re.compile(f"^{shown}$"))
    first = seconds_shown(page)
    expect(digits).not_to_have_text(digits.inner_text(), timeout=2500)
    assert seconds_shown(page) < first
    assert page.locator(".countdown").is_visible()
    assert re.search(r"\d+ (minutes?|seconds?|hours?)", page.inner_text(".countdown-spoken"))
    # Read out on demand, not every second: only the milestones' element is live.
    assert page.get_attribute(".countdown-clock", "role") == "timer"
    assert page.locator(".countdown [aria-live], .countdown [role=status]").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_device_clock_or_time_zone_changes_nothing(browser, timed_attempt, lang):
    context = browser.new_context(timezone_id="Pacific/Kiritimati", locale="en-US")
    context.add_init_script(WRONG_CLOCK)
    page = context.new_page()
    timed_attempt(page, lang, 300)
    assert page.evaluate("new Date().getTimezoneOffset()") == -14 * 60
    assert abs(page.evaluate("Date.now() - performance.timeOrigin - performance.now()")) > 3600e3
    assert 290 <= seconds_shown(page) <= 300
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_warning_one_minute_before(timed_attempt, page, lang):
    timed_attempt(page, lang, 61.5)
    warning = page.locator(".countdown-warning")
    announcer = page.locator("[data-countdown-announcer]")
    assert warning.is_hidden()
    expect(announcer).to_have_text(FIVE_MINUTES[lang])
    expect(warning).to_be_visible(timeout=4000)
    assert warning.inner_text().startswith(WARNING[lang])
    expect(announcer).to_have_text(warning.inner_text())
    assert announcer.get_attribute("aria-live") == "polite"
    assert "is-warning" in page.get_attribute(".countdown", "class")


@pytest.mark.parametrize("lang", LANGS)
def test_when_time_is_up_the_answers_typed_last_are_saved_and_submitted(
    live_timed, timed_attempt, page, lang
):
    attempt_id = timed_attempt(page, lang, 3)
    page.check("input[value=public]")
    expect(page.locator(".countdown-digits")).to_have_text("00:01")
    page.fill("#answer-q-text", "Zalo")  # autosave waits 1.2 s after typing: time is up first
    page.wait_for_selector(".score-card", timeout=5000)
    assert TIME_IS_UP[lang] in page.inner_text(".flashes")
    assert stored(live_timed, attempt_id) == {
        "answers": {"q-single": "public", "q-text": "Zalo"},
        "is_submitted": True,
    }


def test_offline_when_time_is_up_it_says_so_and_retries(live_timed, timed_attempt, page):
    attempt_id = timed_attempt(page, "en", 2)
    page.context.set_offline(True)
    page.fill("#answer-q-text", "Zalo")
    status = page.locator(".countdown-status")
    expect(status).to_contain_text("could not be sent", timeout=4000)
    expect(page.locator("[data-countdown-announcer]")).to_contain_text("check your connection")
    assert not stored(live_timed, attempt_id)["is_submitted"]
    page.context.set_offline(False)
    page.wait_for_selector(".score-card", timeout=8000)
    assert stored(live_timed, attempt_id)["answers"] == {"q-text": "Zalo"}


def test_without_javascript_the_deadline_sentence_stays(browser, timed_attempt):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    timed_attempt(page, "en", 600)
    assert page.locator(".countdown").is_hidden()
    assert "answers are accepted until" in page.inner_text(".time-limit")
    context.close()


def test_the_countdown_stays_in_view_on_a_phone(browser, timed_attempt):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    timed_attempt(page, "ru", 600)
    page.locator("button[value=finish]").scroll_into_view_if_needed()
    # It stays in the bar at the top, with the navigator (see quizzes/_navigator.html).
    box = page.locator(".countdown").bounding_box()
    assert 0 <= box["y"] <= 12
    assert box["width"] <= 360
    assert page.locator(".countdown-digits").is_visible()
    context.close()
