"""Review options: what a learner sees of a submitted attempt, and when; and the keys of an
assignment that is still open, which no other route may show."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from course.accounts.models import User
from course.classes.models import Assignment, AssignmentException
from course.extensions import db
from course.quizzes.models import Attempt
from course.timeutil import utcnow
from tests.conftest import LANGS, csrf_token
from tests.factories import add_assignment, add_student, sign_in
from tests.test_api import session_client
from tests.test_classes import take_assignment
from tests.test_quizzes import post, start

# q-single's key, and its explanation, as each language shows them.
KEY = {"en": "public diplomacy", "vi": "ngoại giao công chúng", "ru": "публичная дипломатия"}
EXPLANATION = {"en": "Explanation single EN", "vi": "Giải thích", "ru": "Пояснение"}
NOTICE = {
    "en": "The right answers will be shown from",
    "vi": "Đáp án đúng sẽ được hiển thị từ",
    "ru": "Правильные ответы будут показаны с",
}
GRADE_HIDDEN = {
    "en": "Your grade is not shown yet.",
    "vi": "Điểm của bạn chưa được hiển thị.",
    "ru": "Ваша оценка пока не показывается.",
}
WRONG = {"answer-q-single": "economic", "answer-q-multiple": ["cyber"]}


def move(app, model, row_id, **values):
    with app.app_context():
        db.session.execute(update(model).where(model.id == row_id).values(**values))
        db.session.commit()


def close_assignment(app, assignment_id):
    now = utcnow()
    move(
        app,
        Assignment,
        assignment_id,
        opens_dt=now - timedelta(days=9),
        due_dt=now - timedelta(days=2),
        closes_dt=now - timedelta(days=1),
    )


def practise(client, answers=WRONG, lang="en"):
    url, page = start(client, lang)
    post(client, url, page, answers, action="submit")
    return url, client.get(url).get_data(as_text=True)


def attempt_id(url):
    return int(url.rstrip("/").rsplit("/", 1)[1])


@pytest.fixture
def student(app, klass, client):
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")


@pytest.mark.parametrize("lang", LANGS)
def test_practice_shows_everything_at_once(client, lang):
    _url, result = practise(client, lang=lang)
    assert KEY[lang] in result and EXPLANATION[lang] in result
    assert "review-notice" not in result


@pytest.mark.parametrize("lang", LANGS)
def test_an_assignment_shows_the_score_at_once_and_the_key_once_it_closes(
    app, client, klass, student, lang
):
    assignment_id = add_assignment(app, klass, closes_dt=utcnow() + timedelta(days=8))
    take_assignment(client, assignment_id, WRONG)
    with app.app_context():
        url = f"/{lang}/attempts/{db.session.scalar(db.select(Attempt.id))}"
    result = client.get(url).get_data(as_text=True)
    assert "score-card failed" in result  # the score is shown
    assert KEY[lang] not in result and EXPLANATION[lang] not in result
    assert NOTICE[lang] in result
    close_assignment(app, assignment_id)
    result = client.get(url).get_data(as_text=True)
    assert KEY[lang] in result and EXPLANATION[lang] in result
    assert NOTICE[lang] not in result


def test_practice_of_an_assigned_quiz_holds_the_key_back(app, client, klass, student):
    """The hostile student's route: practise the assigned quiz, read the key, score full marks."""
    url, _result = practise(client)  # made before the assignment: an old attempt's page
    assignment_id = add_assignment(app, klass)
    for page_url in (url, practise(client)[0]):
        result = client.get(page_url).get_data(as_text=True)
        assert KEY["en"] not in result and EXPLANATION["en"] not in result
        assert "held back while an assignment" in result
        assert "Incorrect" not in result  # which were right would give single choices away
        api = client.get(f"/api/v1/attempts/{attempt_id(page_url)}").get_json()
        assert api["score"] is not None  # the score of practice stays visible
        assert "q-single" in api["held_back_questions"]
        for question in api["questions"]:
            assert question["correct_answer"] is None
            assert question["correct_answer_text"] is None
            assert question["explanation_html"] is None
            assert question["status"] in ("answered", "unanswered")
    close_assignment(app, assignment_id)
    assert KEY["en"] in client.get(url).get_data(as_text=True)


def test_the_final_exam_holds_the_key_back_while_a_module_is_assigned(app, client, klass, student):
    add_assignment(app, klass)  # demo: every question the exam draws from
    page = client.get("/en/quizzes/final-exam").get_data(as_text=True)
    response = client.post("/en/quizzes/final-exam/attempts", data={"csrf_token": csrf_token(page)})
    url = response.headers["Location"]
    post(client, url, client.get(url).get_data(as_text=True), {}, action="submit")
    api = client.get(f"/api/v1/attempts/{attempt_id(url)}").get_json()
    assert len(api["held_back_questions"]) == 4
    assert {q["status"] for q in api["questions"]} == {"unanswered"}


def test_the_final_exam_shows_the_score_and_which_were_right_but_not_the_key(client):
    page = client.get("/en/quizzes/final-exam").get_data(as_text=True)
    response = client.post("/en/quizzes/final-exam/attempts", data={"csrf_token": csrf_token(page)})
    url = response.headers["Location"]
    post(client, url, client.get(url).get_data(as_text=True), {}, action="submit")
    result = client.get(url).get_data(as_text=True)
    assert "The right answers are not shown for this quiz." in result
    assert "Not answered" in result and "Correct answer" not in result
    api = client.get(f"/api/v1/attempts/{attempt_id(url)}").get_json()
    assert api["hidden"] == {"key": None, "explanations": None}
    assert all(q["correct_answer"] is None and q["points"] == 0 for q in api["questions"])


def test_the_instructor_sees_the_whole_attempt_while_the_student_does_not(
    app, client, klass, student
):
    add_assignment(app, klass)
    take_assignment(client, add_assignment(app, klass), WRONG)
    with app.app_context():
        own = db.session.scalar(db.select(Attempt.id))
    assert KEY["en"] not in client.get(f"/en/attempts/{own}").get_data(as_text=True)
    teacher = app.test_client()
    sign_in(teacher, "teacher@school.edu")
    page = teacher.get(f"/en/teaching/classes/{klass}/attempts/{own}").get_data(as_text=True)
    assert KEY["en"] in page and EXPLANATION["en"] in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_score_that_is_never_shown_stays_out_of_every_page(app, client, klass, student, lang):
    assignment_id = add_assignment(app, klass, review_score="never")
    take_assignment(client, assignment_id, WRONG)
    with app.app_context():
        own = db.session.scalar(db.select(Attempt.id))
    result = client.get(f"/{lang}/attempts/{own}").get_data(as_text=True)
    assert "score-card held-back" in result and "score-card failed" not in result
    api = client.get(f"/api/v1/attempts/{own}").get_json()
    assert (api["score"], api["percent"], api["passed"]) == (None, None, None)
    assert api["hidden"]["score"] is None
    quiz_page = client.get(f"/{lang}/quizzes/demo-quiz").get_data(as_text=True)
    assert f"/{lang}/attempts/{own}" not in quiz_page
    progress = client.get("/api/v1/progress").get_json()
    assert progress["modules"][0]["quiz"]["attempts"] == 0
    assignments = client.get(f"/{lang}/assignments").get_data(as_text=True)
    assert GRADE_HIDDEN[lang] in assignments
    (item,) = client.get("/api/v1/assignments").get_json()["assignments"]
    assert (item["grade_shown"], item["grade_percent"]) == (False, None)


def test_an_attempt_never_runs_past_the_closing_and_extra_time_counts(app, client, klass, student):
    now = utcnow()
    closing = now + timedelta(minutes=5)
    first = add_assignment(
        app, klass, time_limit_minutes=10, due_dt=now + timedelta(minutes=1), closes_dt=closing
    )
    second = add_assignment(app, klass, time_limit_minutes=10)
    with app.app_context():
        user_id = db.session.scalar(db.select(User.id).where(User.email == "s1@school.edu"))
        db.session.add(AssignmentException(assignment_id=second, user_id=user_id, extra_minutes=5))
        db.session.commit()
    for assignment_id in (first, second):
        page = client.get("/en/assignments").get_data(as_text=True)
        client.post(f"/en/assignments/{assignment_id}/start", data={"csrf_token": csrf_token(page)})
    with app.app_context():
        deadlines = dict(
            db.session.execute(db.select(Attempt.assignment_id, Attempt.deadline_dt)).all()
        )
    assert deadlines[first] == closing
    assert timedelta(minutes=14) < deadlines[second] - now < timedelta(minutes=16)


def test_an_api_client_stuck_on_an_invalid_answer_is_submitted_when_time_is_up(
    app, client, klass, student
):
    assignment_id = add_assignment(app, klass, time_limit_minutes=10)
    page = client.get("/en/assignments").get_data(as_text=True)
    url = client.post(
        f"/en/assignments/{assignment_id}/start", data={"csrf_token": csrf_token(page)}
    ).headers["Location"]
    own, headers = attempt_id(url), session_client(client)
    api = f"/api/v1/attempts/{own}"
    saved = client.put(f"{api}/answers", json={"answers": {"q-numeric": "73,6"}}, headers=headers)
    assert saved.status_code == 422  # an ambiguous number: refused, not stored
    move(app, Attempt, own, deadline_dt=utcnow() - timedelta(minutes=2))
    fixing = client.put(f"{api}/answers", json={"answers": {"q-numeric": 73.6}}, headers=headers)
    assert fixing.status_code == 409
    result = client.get(api).get_json()
    assert result["submitted"] and result["score"] == 0
    assert client.post(f"{api}/submit", headers=headers).status_code == 200
    with app.app_context():
        attempt = db.session.get(Attempt, own)
        assert attempt.submitted_dt == attempt.deadline_dt  # submitted when time ran out


def test_a_learner_without_an_account_reads_times_in_the_browsers_zone(client):
    practise(client)
    times = {}
    for zone in ("UTC", "Asia/Ho_Chi_Minh", "Not/AZone"):
        client.set_cookie("tz", zone)
        page = client.get("/en/quizzes/demo-quiz").get_data(as_text=True)
        times[zone] = re.search(r'/en/attempts/\d+">([^<]+)</a>', page).group(1)
    assert times["UTC"] != times["Asia/Ho_Chi_Minh"]
    assert times["UTC"] == times["Not/AZone"]
