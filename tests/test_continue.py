"""Continue where you left off: the open attempt or the next lesson, on the course's pages."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from course.extensions import db
from course.quizzes.attempts import save_answers, submit_attempt
from course.quizzes.in_progress import open_attempts
from course.quizzes.models import Attempt
from course.shared_pages import PART
from course.timeutil import utcnow
from tests.conftest import LANGS, csrf_token
from tests.factories import stored

ANSWERED = {
    "vi": "Đã trả lời 2/7 câu hỏi",
    "ru": "Отвечено на 2 из 7 вопросов",
    "en": "2 of 7 questions answered",
}
IN_PROGRESS = {
    "vi": "Đang làm, đã trả lời 2/7 câu hỏi",
    "ru": "В процессе, отвечено на 2 из 7 вопросов",
    "en": "In progress, 2 of 7 questions answered",
}


def start_quiz(app, client, lang="en", answers=None) -> int:
    """Start the demo quiz as this client's learner and save some answers in it."""
    page = client.get(f"/{lang}/quizzes/demo-quiz").get_data(as_text=True)
    response = client.post(
        f"/{lang}/quizzes/demo-quiz/attempts", data={"csrf_token": csrf_token(page)}
    )
    attempt_id = int(re.search(r"/attempts/(\d+)", response.headers["Location"]).group(1))
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        save_answers(attempt, app.extensions["catalog"], stored(answers or {}))
    return attempt_id


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_offers_the_open_attempt(app, client, lang):
    attempt_id = start_quiz(app, client, lang, {"q-single": "public", "q-truefalse": False})
    page = client.get(f"/{lang}/").get_data(as_text=True)
    assert ANSWERED[lang] in page
    assert f'href="/{lang}/attempts/{attempt_id}"' in page
    module_page = client.get(f"/{lang}/modules/demo").get_data(as_text=True)
    assert ANSWERED[lang] in module_page


@pytest.mark.parametrize("lang", LANGS)
def test_my_progress_shows_the_open_attempt_as_in_progress(app, client, lang):
    start_quiz(app, client, lang, {"q-single": "public", "q-truefalse": False})
    page = client.get(f"/{lang}/progress").get_data(as_text=True)
    assert IN_PROGRESS[lang] in page
    not_started = {"vi": "Chưa bắt đầu", "ru": "Не начат", "en": "Not started"}
    row = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"/\w+/modules/demo\".*?</tr>", page, re.S)
    assert not_started[lang] not in row.group(0)


def test_the_time_left_is_shown_for_a_timed_attempt(timed_app):
    client = timed_app.test_client()
    attempt_id = start_quiz(timed_app, client)
    with timed_app.app_context():
        deadline = utcnow() + timedelta(minutes=4, seconds=30)
        db.session.execute(
            update(Attempt).where(Attempt.id == attempt_id).values(deadline_dt=deadline)
        )
        db.session.commit()
    assert "5 minutes left" in client.get("/en/").get_data(as_text=True)


def test_an_attempt_whose_time_is_up_is_not_offered(timed_app):
    client = timed_app.test_client()
    attempt_id = start_quiz(timed_app, client)
    with timed_app.app_context():
        past = utcnow() - timedelta(minutes=1)
        db.session.execute(update(Attempt).where(Attempt.id == attempt_id).values(deadline_dt=past))
        db.session.commit()
    page = client.get("/en/").get_data(as_text=True)
    assert "Continue where you left off" not in page
    assert "Start here" in page


def test_without_an_attempt_the_next_lesson_is_offered(client):
    page = client.get("/en/").get_data(as_text=True)
    assert "Start here" in page
    lesson = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    client.post("/en/lessons/first-lesson/done", data={"csrf_token": csrf_token(lesson)})
    page = client.get("/en/").get_data(as_text=True)
    box = page[page.index("continue-card") :]
    assert "Next lesson" in box
    assert box.index("/en/lessons/second-lesson") < box.index("</section>")


def test_a_shared_page_keeps_a_place_for_each_visitors_part(app, client):
    client.get("/en/")
    shared = app.extensions["shared_pages"]["/en/"]
    assert PART.format("continue") in shared
    assert "continue-card" not in shared
    assert "Start here" in client.get("/en/").get_data(as_text=True)


def test_open_attempts_count_answers_and_leave_out_submitted_ones(app, client):
    first = start_quiz(app, client)
    with app.app_context():
        attempt = db.session.get(Attempt, first)
        learner_id = attempt.learner_id
        submit_attempt(attempt, app.extensions["catalog"])  # no longer open
    second = start_quiz(app, client, answers={"q-single": "public"})
    with app.app_context():
        found = open_attempts(learner_id)
    assert [(o.attempt.id, o.answered, o.questions) for o in found] == [(second, 1, 7)]
