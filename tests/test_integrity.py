"""Integrity under concurrency: double submissions, many submitters, old tabs, time limits."""

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from course.accounts.models import UserSession
from course.database import WriteInReadTransaction, prepare_to_write
from course.extensions import db
from course.learners.models import Learner
from course.quizzes.attempts import save_answers, stored_answers
from course.quizzes.models import Attempt
from course.timeutil import utcnow
from tests.conftest import csrf_token
from tests.factories import add_assignment, add_student, sign_in, stored
from tests.test_quizzes import FULL_MARKS, post, start


def revision_of(page: str) -> str:
    return re.search(r'name="revision" type="hidden" value="(\d+)"', page).group(1)


def test_an_old_tab_never_overwrites_newer_answers(client):
    url, page = start(client)
    old_tab = page
    post(client, url, page, {"answer-q-single": "public", "revision": revision_of(page)})
    response = post(
        client, url, old_tab, {"answer-q-single": "economic", "revision": revision_of(old_tab)}
    )
    assert response.status_code == 302
    html = client.get(url).get_data(as_text=True)
    assert "changed in another tab" in html
    assert re.search(r'checked[^>]*value="public"|value="public"[^>]*checked', html)


def test_autosave_carries_the_revision_forward(client):
    url, page = start(client)
    revision = revision_of(page)
    for answer in ("public", "economic"):
        response = client.post(
            url,
            data={"csrf_token": csrf_token(page), "answer-q-single": answer, "revision": revision},
            headers={"X-Autosave": "1"},
        )
        assert response.get_json()["saved"]
        revision = str(response.get_json()["revision"])
    stale = client.post(
        url,
        data={"csrf_token": csrf_token(page), "answer-q-single": "defence", "revision": "0"},
        headers={"X-Autosave": "1"},
    )
    assert stale.status_code == 409
    assert stale.get_json()["stale"]


def test_a_submission_sent_twice_at_once_counts_once(app):
    client = app.test_client()
    url, page = start(client)
    answers = {**FULL_MARKS, "answer-q-numeric": "73.6"}
    results = []

    def submit():  # a double click: the same page sent again and again
        response = post(client, url, page, answers, action="submit")
        results.append(response.status_code)

    threads = [threading.Thread(target=submit) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [302] * 5
    with app.app_context():
        attempt = db.session.scalars(db.select(Attempt)).one()
        assert attempt.score == 7
        assert len(attempt.answers) == 7


def test_fifty_concurrent_submissions_lose_nothing(app):
    learners = []
    for n in range(50):
        client = app.test_client()
        url, page = start(client)
        single = "public" if n % 2 else "economic"
        learners.append((client, url, page, single))
    errors = []

    def submit(client, url, page, single):
        try:
            answers = {**FULL_MARKS, "answer-q-numeric": "73.6", "answer-q-single": single}
            response = post(client, url, page, answers, action="submit")
            assert response.status_code == 302, response.status_code
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=submit, args=args) for args in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context():
        attempts = db.session.scalars(db.select(Attempt)).all()
        assert len(attempts) == 50
        assert all(a.submitted_dt is not None for a in attempts)
        assert sorted(a.score for a in attempts) == [6.0] * 25 + [7.0] * 25


def test_time_limit_is_enforced_on_the_server(timed_app):
    app = timed_app
    client = app.test_client()
    url, page = start(client)
    assert "Time limit" in page
    post(client, url, page, {"answer-q-single": "public"}, action="save")
    with app.app_context():
        attempt = db.session.scalars(db.select(Attempt)).one()
        attempt.started_dt -= timedelta(minutes=11)
        attempt.deadline_dt -= timedelta(minutes=11)
        db.session.commit()
    late = post(client, url, page, {"answer-q-single": "economic", "answer-q-truefalse": "false"})
    assert late.status_code == 302
    html = client.get(url).get_data(as_text=True)
    assert "Time is up" in html
    with app.app_context():
        attempt = db.session.scalars(db.select(Attempt)).one()
        assert attempt.is_submitted
        assert {a.question_id: a.value for a in attempt.answers} == {"q-single": "public"}


def test_an_attempt_past_its_limit_is_submitted_when_opened(timed_app):
    app = timed_app
    client = app.test_client()
    url, page = start(client)
    with app.app_context():
        attempt = db.session.scalars(db.select(Attempt)).one()
        attempt.deadline_dt -= timedelta(minutes=11)
        db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert "Time is up" in html
    assert "score-card" in html


def test_pages_load_while_another_request_is_writing(app, client, auth, user):
    auth.login()
    client.get("/en/lessons/first-lesson")  # the first visit writes: it makes the learner
    with app.app_context(), db.engine.connect() as writer:
        # Holds SQLite's write lock (and a row lock on PostgreSQL) until the block ends.
        writer.execute(update(Learner).values(user_id=Learner.user_id))
        response = client.get("/en/lessons/first-lesson")
        writer.rollback()
    assert response.status_code == 200
    assert "Sign out" in response.get_data(as_text=True)


def test_a_page_that_only_reads_still_records_the_sessions_activity(app, client, auth, user):
    auth.login()
    an_hour_ago = utcnow() - timedelta(hours=1)
    with app.app_context():
        db.session.execute(update(UserSession).values(last_seen_dt=an_hour_ago))
        db.session.commit()
    assert "Sign out" in client.get("/en/lessons/first-lesson").get_data(as_text=True)
    with app.app_context():
        last_seen = db.session.scalars(db.select(UserSession.last_seen_dt)).one()
    assert last_seen > an_hour_ago + timedelta(minutes=59)


def test_a_write_in_a_reading_transaction_is_refused(app):
    with app.test_request_context("/en/"):
        db.session.add(Learner())
        with pytest.raises(WriteInReadTransaction):
            db.session.flush()


def test_a_page_that_read_first_writes_once_prepared(app):
    # SQLite ends the read transaction for one that takes the write lock; PostgreSQL goes on
    # in the same transaction: on both, the write that follows is taken.
    with app.test_request_context("/en/"):
        assert db.session.scalar(db.select(db.func.count()).select_from(Learner)) == 0
        prepare_to_write()
        db.session.add(Learner())
        db.session.commit()
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Learner)) == 1


def test_a_save_sees_answers_another_save_stored_meanwhile(app, client):
    url, _page = start(client)
    attempt_id = int(url.rsplit("/", 1)[1])
    with app.app_context():
        catalog = app.extensions["catalog"]
        attempt = db.session.get(Attempt, attempt_id)
        assert stored_answers(attempt) == {}  # this request has read the answers
        db.session.commit()

        def other_tab():
            with app.app_context():
                other = db.session.get(Attempt, attempt_id)
                save_answers(other, catalog, stored({"q-single": "economic"}))

        thread = threading.Thread(target=other_tab)
        thread.start()
        thread.join()
        save_answers(attempt, catalog, stored({"q-single": "public"}))
    with app.app_context():
        assert stored_answers(db.session.get(Attempt, attempt_id))["q-single"] == "public"


def test_a_save_reads_first_and_takes_the_write_lock_only_to_write(app):
    # An answer save builds and checks its form before it writes: the write lock, which every
    # other writer on SQLite waits for, is taken when it writes.
    with app.test_request_context("/en/attempts/1", method="POST"):
        db.session.add(Learner())
        with pytest.raises(WriteInReadTransaction):
            db.session.flush()
        db.session.rollback()
        prepare_to_write()
        db.session.add(Learner())
        db.session.commit()
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Learner)) == 1


@pytest.mark.parametrize("kind", ["assignment", "practice"])
def test_a_start_sent_several_times_at_once_makes_one_attempt(app, klass, kind):
    assignment_id = add_assignment(app, klass, max_attempts=1)
    add_student(app, klass, 1)
    client = app.test_client()
    sign_in(client, "s1@school.edu")
    page = client.get("/en/assignments").get_data(as_text=True)
    url = f"/en/assignments/{assignment_id}/start" if kind == "assignment" else None
    url = url or "/en/quizzes/demo-quiz/attempts"
    locations = []

    def start():  # a double click, or the same page open in several tabs
        response = client.post(url, data={"csrf_token": csrf_token(page)})
        locations.append(response.headers.get("Location"))

    threads = [threading.Thread(target=start) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(locations)) == 1 and "/attempts/" in locations[0]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)) == 1
