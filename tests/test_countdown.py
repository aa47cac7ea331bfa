"""The attempt page tells its countdown how many seconds the server counts to the deadline."""

import re
from datetime import timedelta

from sqlalchemy import update

from course.extensions import db
from course.quizzes.models import Attempt
from course.timeutil import utcnow
from tests.test_quizzes import post, start


def seconds_left(page: str) -> int:
    return int(re.search(r'data-seconds-left="(\d+)"', page).group(1))


def move_deadline(app, seconds: float) -> None:
    with app.app_context():
        db.session.execute(
            update(Attempt).values(deadline_dt=utcnow() + timedelta(seconds=seconds))
        )
        db.session.commit()


def test_the_page_says_the_seconds_left_rounded_up(timed_app):
    client = timed_app.test_client()
    url, page = start(client)
    assert 590 <= seconds_left(page) <= 600
    move_deadline(timed_app, 90.5)
    assert seconds_left(client.get(url).get_data(as_text=True)) == 91


def test_within_the_grace_the_page_says_no_time_is_left(timed_app):
    client = timed_app.test_client()
    url, page = start(client)
    move_deadline(timed_app, -5)
    response = post(client, url, page, {"answer-q-numeric": "73,6"}, action="submit")
    assert response.status_code == 422  # an answer to fix: the page comes back, time up
    assert seconds_left(response.get_data(as_text=True)) == 0


def test_an_untimed_attempt_has_no_countdown(client):
    _url, page = start(client)
    assert "data-countdown" not in page
    assert "countdown.js" not in page
