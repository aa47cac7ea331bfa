"""Grading methods, per-student exceptions and grades set by hand, as instructors and students
see them: the gradebook, its CSV, the student's assignments page and the API."""

import csv
import io
import re
from datetime import datetime, timedelta

import pytest

from course.classes.exceptions import set_exception, student_exception
from course.classes.grading import Graded, grade_of
from course.classes.models import Assignment, AssignmentException, GradeOverride
from course.classes.overrides import set_override
from course.extensions import db
from course.timeutil import utcnow
from tests.conftest import LANGS, csrf_token
from tests.factories import add_assignment, add_student, graded_attempt, sign_in

ONE_RIGHT = {"q-single": "public"}  # 1 of 7 points: 14.3 %
TWO_RIGHT = {"q-single": "public", "q-truefalse": "false"}  # 28.6 %
NONE_RIGHT = {"q-single": "economic"}  # 0 %

# The grading methods as plain functions

T0 = datetime(2030, 1, 1)
ATTEMPTS = [
    Graded(40.0, 1, T0),
    Graded(90.0, 2, T0 + timedelta(hours=1)),
    Graded(90.0, 3, T0 + timedelta(hours=2)),
    Graded(20.0, 4, T0 + timedelta(hours=3)),
]


@pytest.mark.parametrize(
    ("method", "expected"),
    [("best", (90.0, 2)), ("first", (40.0, 1)), ("last", (20.0, 4)), ("average", (60.0, 4))],
)
def test_each_grading_method_and_the_attempt_that_makes_the_grade(method, expected):
    assert grade_of(method, ATTEMPTS) == expected
    assert grade_of(method, list(reversed(ATTEMPTS))) == expected  # by time, not by order given


def test_no_attempt_no_grade():
    assert grade_of("average", []) is None


# The gradebook follows the method

METHOD_NAMES = {
    "best": "best attempt",
    "first": "first attempt",
    "last": "last attempt",
    "average": "average of attempts",
}


def three_attempts(app, klass, method):
    """A student's attempts, in this order: 14.3 %, 28.6 %, 0 %."""
    assignment_id = add_assignment(app, klass, max_attempts=None, grading_method=method)
    student = add_student(app, klass, 1)
    ids = [
        graded_attempt(app, student, assignment_id, a) for a in (ONE_RIGHT, TWO_RIGHT, NONE_RIGHT)
    ]
    return assignment_id, student, ids


@pytest.mark.parametrize(
    ("method", "shown", "linked"),
    [("best", "28.6%", 1), ("first", "14.3%", 0), ("last", "0%", 2), ("average", "14.3%", 2)],
)
def test_gradebook_grades_by_the_assignments_method(client, app, klass, method, shown, linked):
    _assignment_id, _student, ids = three_attempts(app, klass, method)
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    assert f'attempts/{ids[linked]}">{shown}</a>' in html
    assert f"Grade: {METHOD_NAMES[method]}" in html
    csv_body = client.get(f"/en/teaching/classes/{klass}/gradebook.csv").get_data(as_text=True)
    header, row = list(csv.reader(io.StringIO(csv_body.lstrip("\ufeff"))))
    assert header[2].endswith(f"grade ({METHOD_NAMES[method]})")
    assert row[2] == shown


STUDENT_GRADE = {
    "en": "Your grade (last attempt): 0%",
    "vi": "Điểm của bạn (lần làm cuối cùng): 0%",
    "ru": "Ваша оценка (последняя попытка): 0\xa0%",
}


@pytest.mark.parametrize("lang", LANGS)
def test_student_sees_their_grade_and_its_method(client, app, klass, lang):
    three_attempts(app, klass, "last")
    sign_in(client, "s1@school.edu")
    html = client.get(f"/{lang}/assignments").get_data(as_text=True)
    assert STUDENT_GRADE[lang] in html


# Exceptions


def adjust_url(klass, assignment_id, user_id):
    return f"/en/teaching/classes/{klass}/assignments/{assignment_id}/students/{user_id}"


def prefixed_token(html, prefix):
    return re.search(rf'name="{prefix}-csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def post_adjustment(client, url, kind, **fields):
    page = client.get(url).get_data(as_text=True)
    data = {f"{kind}-{name}": value for name, value in fields.items()}
    data[f"{kind}-csrf_token"] = prefixed_token(page, kind)
    return client.post(f"{url}/{kind}", data=data)


def test_instructor_gives_extra_attempts_from_the_gradebook(client, app, klass):
    assignment_id = add_assignment(app, klass, max_attempts=1)
    student = add_student(app, klass, 1)
    graded_attempt(app, student, assignment_id, ONE_RIGHT)
    sign_in(client, "teacher@school.edu")
    gradebook = client.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    url = adjust_url(klass, assignment_id, student)
    assert f'href="{url}"' in gradebook
    response = post_adjustment(
        client, url, "exception", extra_attempts="1", extra_minutes="15", save="y"
    )
    assert response.status_code == 302
    gradebook = client.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    assert "+1 attempt, +15 minutes" in gradebook
    with app.app_context():
        exception = student_exception(assignment_id, student)
        assert (exception.extra_attempts, exception.extra_minutes) == (1, 15)
    learner = app.test_client()
    sign_in(learner, "s1@school.edu")
    html = learner.get("/en/assignments").get_data(as_text=True)
    assert "Attempts used: 1 of 2" in html
    assert "Your instructor allowed you: +1 attempt, +15 minutes" in html
    assert "Take the graded quiz" in html
    response = post_adjustment(client, url, "exception", clear="y")
    assert response.status_code == 302
    with app.app_context():
        assert student_exception(assignment_id, student) is None
    assert "You have used all your attempts" in learner.get("/en/assignments").get_data(
        as_text=True
    )


@pytest.mark.parametrize("value", ["-1", "0", "601", "99999999999999999999", "ten"])
def test_bad_extra_minutes_are_a_form_error(client, app, klass, value):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    sign_in(client, "teacher@school.edu")
    url = adjust_url(klass, assignment_id, student)
    response = post_adjustment(client, url, "exception", extra_minutes=value, save="y")
    assert response.status_code == 400
    assert 'class="field-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(AssignmentException)) is None


def test_only_the_classes_instructor_adjusts_and_only_for_its_students(client, app, klass):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    assert client.get(adjust_url(klass, assignment_id, student)).status_code == 404
    teacher = app.test_client()
    sign_in(teacher, "teacher@school.edu")
    assert teacher.get(adjust_url(klass, assignment_id, student + 99)).status_code == 404
    assert teacher.get(adjust_url(klass, assignment_id + 99, student)).status_code == 404


CLOSED = {
    "en": "This assignment is closed.",
    "vi": "Bài tập này đã đóng.",
    "ru": "Это задание закрыто.",
}
CLOSED_STATUS = {"en": "Closed", "vi": "Đã đóng", "ru": "Закрыто"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_attempt_starts_after_the_closing_date(client, app, klass, lang):
    now = utcnow()
    assignment_id = add_assignment(
        app,
        klass,
        opens_dt=now - timedelta(days=9),
        due_dt=now - timedelta(days=2),
        closes_dt=now - timedelta(days=1),
    )
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    html = client.get(f"/{lang}/assignments").get_data(as_text=True)
    assert CLOSED[lang] in html and CLOSED_STATUS[lang] in html
    response = client.post(
        f"/{lang}/assignments/{assignment_id}/start", data={"csrf_token": csrf_token(html)}
    )
    assert response.status_code == 302
    assert "/attempts/" not in response.headers["Location"]


def test_extra_attempts_do_not_reopen_a_closed_assignment(app, klass):
    from course.classes.assignments import student_assignment

    now = utcnow()
    assignment_id = add_assignment(
        app,
        klass,
        opens_dt=now - timedelta(days=9),
        due_dt=now - timedelta(days=1),
        is_late_accepted=False,
    )
    student = add_student(app, klass, 1)
    with app.app_context():
        set_exception(assignment_id, student, None, 3)
    with app.test_request_context("/en/"):
        item = student_assignment(student, None, assignment_id)
        assert item.attempts_allowed == 5
        assert item.status(now) == "closed"
        assert "late work is not accepted" in item.refusal(now)


# Grades set by hand


def test_grade_set_by_hand_replaces_the_computed_one_everywhere(client, app, klass):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    add_student(app, klass, 2)
    graded_attempt(app, student, assignment_id, ONE_RIGHT)
    sign_in(client, "teacher@school.edu")
    url = adjust_url(klass, assignment_id, student)
    response = post_adjustment(
        client, url, "override", percent="80", comment="Oral exam <instead>", save="y"
    )
    assert response.status_code == 302
    html = client.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    assert ">80%</a>" in html and "set by hand" in html
    assert 'title="Oral exam &lt;instead&gt;"' in html  # the comment on hover, escaped
    assert "40%" in html  # the class average: (80 + 0) / 2
    body = client.get(f"/en/teaching/classes/{klass}/gradebook.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][3].endswith("override comment")
    assert rows[1][2:4] == ["80%", "Oral exam <instead>"]
    learner = app.test_client()
    sign_in(learner, "s1@school.edu")
    page = learner.get("/en/assignments").get_data(as_text=True)
    assert "Your grade (set by your instructor): 80%" in page
    assert "Oral exam &lt;instead&gt;" in page
    api = learner.get("/api/v1/assignments").get_json()["assignments"][0]
    assert api["grade_percent"] == 80
    assert api["grade_set_by_hand"] is True
    assert api["instructor_comment"] == "Oral exam <instead>"
    post_adjustment(client, url, "override", clear="y")
    assert "Your grade (best attempt): 14.3%" in learner.get("/en/assignments").get_data(
        as_text=True
    )


def test_a_grade_can_be_set_for_a_student_who_made_no_attempt(client, app, klass):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    with app.app_context():
        set_override(assignment_id, student, 55, "", None)
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    assert "<td>55%<br>" in html and "set by hand" in html


@pytest.mark.parametrize("value", ["-5", "100.5", "1e9", "nan", "inf", "", "lots"])
def test_bad_grades_are_a_form_error(client, app, klass, value):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    sign_in(client, "teacher@school.edu")
    url = adjust_url(klass, assignment_id, student)
    response = post_adjustment(client, url, "override", percent=value, save="y")
    assert response.status_code == 400
    assert 'class="field-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(GradeOverride)) is None


SET_BY_HAND = {"en": "set by hand", "vi": "nhập tay", "ru": "выставлена вручную"}


@pytest.mark.parametrize("lang", LANGS)
def test_adjusting_pages_in_each_language(client, app, klass, lang):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    with app.app_context():
        set_override(assignment_id, student, 55, "Bien", None)
        set_exception(assignment_id, student, 10, None)
    sign_in(client, "teacher@school.edu")
    page = client.get(adjust_url(klass, assignment_id, student).replace("/en/", f"/{lang}/"))
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.get_data(as_text=True)
    html = client.get(f"/{lang}/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    assert SET_BY_HAND[lang] in html


# The API


def test_assignments_api_needs_a_signed_in_student(client):
    response = client.get("/api/v1/assignments")
    assert response.status_code == 401


def test_assignments_api_gives_grade_method_attempts_and_dates(client, app, klass):
    assignment_id, student, _ids = three_attempts(app, klass, "average")
    with app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assignment.max_attempts, assignment.time_limit_minutes = 4, 20
        db.session.commit()
        due = assignment.due_dt
    with app.app_context():
        set_exception(assignment_id, student, 5, 1)
    sign_in(client, "s1@school.edu")
    (item,) = client.get("/api/v1/assignments").get_json()["assignments"]
    assert item["grading_method"] == "average"
    assert item["grade_percent"] == pytest.approx(14.29, abs=0.01)
    assert (item["attempts_used"], item["attempts_allowed"]) == (3, 5)
    assert (item["time_limit_minutes"], item["extra_minutes"]) == (20, 5)
    assert item["due_at"] == due.isoformat() + "Z"
    assert item["closes_at"] is None and item["grade_set_by_hand"] is False
    assert item["status"] == "done" and item["can_start"] is True
