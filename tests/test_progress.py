"""Progress is derived from completions and submitted attempts."""

from datetime import datetime

from course.content.loader import load_catalog
from course.progress.summary import summarize
from course.quizzes.models import Attempt
from tests.conftest import FIXTURE_CONTENT, csrf_token

CATALOG = load_catalog(FIXTURE_CONTENT)


def attempt(quiz_id, score, max_score, passed, minute):
    return Attempt(
        quiz_id=quiz_id,
        score=score,
        max_score=max_score,
        is_passed=passed,
        submitted_dt=datetime(2026, 1, 1, 12, minute),
    )


def test_nothing_done_is_zero_percent():
    progress = summarize(CATALOG, [], [])
    assert progress.percent == 0
    assert progress.modules[0].lessons_done == 0


def test_lessons_and_a_passed_quiz_count_as_steps():
    attempts = [attempt("demo-quiz", 3, 7, False, 1), attempt("demo-quiz", 6, 7, True, 2)]
    progress = summarize(CATALOG, ["first-lesson"], attempts)
    module = progress.modules[0]
    assert module.lessons_done == 1
    assert module.steps_done == 2
    assert module.steps == 3
    # 2 of 3 module steps, plus the final exam not passed: 2 of 4
    assert progress.percent == 50


def test_best_and_latest_attempts():
    attempts = [attempt("demo-quiz", 6, 7, True, 1), attempt("demo-quiz", 2, 7, False, 2)]
    status = summarize(CATALOG, [], attempts).quiz_status("demo-quiz")
    assert status.best.score == 6
    assert status.latest.score == 2
    assert status.is_passed


def test_a_lesson_counts_as_done_when_marked(client):
    page = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    assert "Mark this lesson as done" in page
    response = client.post("/en/lessons/first-lesson/done", data={"csrf_token": csrf_token(page)})
    assert response.headers["Location"] == "/en/lessons/second-lesson"
    html = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    assert "You have completed this lesson." in html
    assert "1 of 2" in client.get("/en/progress").get_data(as_text=True)
