"""Instructors: classes, joining, assignments with due dates and limits, gradebook, access."""

import csv
import io
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from course.accounts.models import User
from course.accounts.users import create_user
from course.classes.models import Assignment, Class, Enrollment
from course.classes.reports.gradebook import build_gradebook
from course.classes.rosters import create_class, join_class
from course.extensions import db
from course.timeutil import utcnow
from tests.conftest import LANGS, csrf_token
from tests.factories import add_assignment, add_student, graded_attempt, sign_in
from tests.test_quizzes import post

# Classes and joining


@pytest.mark.parametrize("lang", LANGS)
def test_instructor_creates_a_class_and_gets_a_code_and_link(client, app, teacher, lang):
    sign_in(client, "teacher@school.edu")
    page = client.get(f"/{lang}/teaching").get_data(as_text=True)
    response = client.post(
        f"/{lang}/teaching",
        data={
            "name": "Lớp <b>11B</b>",
            "description": "",
            "default_lang": "ru",
            "csrf_token": csrf_token(page),
        },
    )
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Lớp &lt;b&gt;11B&lt;/b&gt;" in html  # names are escaped
    code = re.search(r'class="join-code">([A-Z0-9]{8})<', html).group(1)
    assert f"/ru/join/{code}" in html


def test_student_joins_with_the_code_and_the_link(client, app, klass):
    add_student(app, klass, 1)
    with app.app_context():
        code = db.session.get(Class, klass).join_code
    sign_in(client, "s1@school.edu")
    page = client.get("/en/classes").get_data(as_text=True)
    response = client.post(
        "/en/classes", data={"code": code.lower(), "csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    assert "Lớp 10A" in client.get("/en/classes").get_data(as_text=True)
    page = client.get(f"/en/join/{code}").get_data(as_text=True)
    assert "Join “Lớp 10A”?" in page
    client.post(f"/en/join/{code}", data={"csrf_token": csrf_token(page)})
    assert "already in the class" in client.get("/en/assignments").get_data(as_text=True)


def test_wrong_code_gives_a_clear_message(client, app, klass):
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    page = client.get("/en/classes").get_data(as_text=True)
    response = client.post("/en/classes", data={"code": "NOPE1234", "csrf_token": csrf_token(page)})
    assert "No class has this code" in response.get_data(as_text=True)


def test_join_link_asks_to_sign_in_first(client, app, klass):
    with app.app_context():
        code = db.session.get(Class, klass).join_code
    response = client.get(f"/vi/join/{code}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/vi/login?next=")


def test_roster_remove_and_regenerate_code(client, app, klass):
    add_student(app, klass, 1, lang="ru")
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/en/teaching/classes/{klass}").get_data(as_text=True)
    assert "Student 001" in html and "s1@school.edu" in html and "Русский" in html
    with app.app_context():
        old_code = db.session.get(Class, klass).join_code
    client.post(f"/en/teaching/classes/{klass}/code", data={"csrf_token": csrf_token(html)})
    assert client.get(f"/en/join/{old_code}").status_code == 404
    student_id = re.search(r"/students/(\d+)/remove", html).group(1)
    client.post(
        f"/en/teaching/classes/{klass}/students/{student_id}/remove",
        data={"csrf_token": csrf_token(html)},
    )
    assert "Student 001" not in client.get(f"/en/teaching/classes/{klass}").get_data(as_text=True)


# Access


INSTRUCTOR_PAGES = [
    "/en/teaching/classes/{id}",
    "/en/teaching/classes/{id}/assignments/new",
    "/en/teaching/classes/{id}/gradebook",
    "/en/teaching/classes/{id}/gradebook.csv",
    "/en/teaching/classes/{id}/quizzes/demo-quiz/analysis",
    "/en/teaching/classes/{id}/quizzes/demo-quiz/analysis.csv",
    "/en/teaching/classes/{id}/lessons",
    "/en/teaching/classes/{id}/lessons.csv",
    "/en/teaching/classes/{id}/retention",
    "/en/teaching/classes/{id}/retention.csv",
    "/en/teaching/classes/{id}/questions/q-single",
    "/en/teaching/classes/{id}/attempts/1",
]


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES)
@pytest.mark.parametrize("who", ["anonymous", "student", "other instructor"])
def test_only_the_classes_instructor_sees_its_pages(client, app, klass, page, who):
    if who == "student":
        add_student(app, klass, 1)
        sign_in(client, "s1@school.edu")
    elif who == "other instructor":
        with app.app_context():
            create_user("other@school.edu", "Other", "long password", role="instructor")
        sign_in(client, "other@school.edu")
    assert client.get(page.format(id=klass)).status_code == 404
    assert client.get(page.format(id=klass + 999)).status_code == 404


def test_teaching_page_is_for_instructors_only(client, app, klass):
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    assert client.get("/en/teaching").status_code == 404


# Assignments


def post_assignment_form(client, klass, **fields):
    """The instructor fills in the new-assignment form of the class."""
    url = f"/en/teaching/classes/{klass}/assignments/new"
    page = client.get(url).get_data(as_text=True)
    return client.post(
        url, data={"target": "module:demo", **fields, "csrf_token": csrf_token(page)}
    )


def test_due_date_is_entered_in_the_instructors_zone_and_shown_in_the_students(client, app, klass):
    sign_in(client, "teacher@school.edu")
    response = post_assignment_form(
        client,
        klass,
        opens="2030-01-01T08:00",
        due="2030-01-10T09:00",
        max_attempts="3",
        is_late_accepted="y",
    )
    assert response.status_code == 302
    with app.app_context():
        assignment = db.session.scalars(db.select(Assignment)).one()
        assert assignment.due_dt == datetime(2030, 1, 10, 2, 0)  # 09:00 in Hanoi is 02:00 UTC
        user = create_user("s9@school.edu", "Ivan", "long password", timezone="Europe/Moscow")
        join_class(db.session.get(Class, klass), user)
    other = app.test_client()
    sign_in(other, "s9@school.edu")
    html = other.get("/ru/assignments").get_data(as_text=True)
    assert "10 янв. 2030\u202fг., 05:00" in html  # Moscow is UTC+3


def test_due_date_before_opening_is_refused(client, app, klass):
    sign_in(client, "teacher@school.edu")
    response = post_assignment_form(client, klass, opens="2030-01-10T08:00", due="2030-01-01T09:00")
    assert "The due date must come after the opening date." in response.get_data(as_text=True)


def take_assignment(client, assignment_id, answers):
    page = client.get("/en/assignments").get_data(as_text=True)
    response = client.post(
        f"/en/assignments/{assignment_id}/start", data={"csrf_token": csrf_token(page)}
    )
    url = response.headers["Location"]
    if "/attempts/" not in url:
        return client.get(url).get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    post(client, url, page, answers, action="submit")
    return client.get(url).get_data(as_text=True)


def test_attempt_limit_is_enforced_and_practice_stays_unlimited(client, app, klass):
    assignment_id = add_assignment(app, klass, max_attempts=1)
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    result = take_assignment(client, assignment_id, {"answer-q-single": "public"})
    assert "Try again" not in result
    html = take_assignment(client, assignment_id, {})
    assert "You have used all your attempts for this assignment." in html
    page = client.get("/en/quizzes/demo-quiz").get_data(as_text=True)
    assert (
        client.post(
            "/en/quizzes/demo-quiz/attempts", data={"csrf_token": csrf_token(page)}
        ).status_code
        == 302
    )


def test_late_work_is_flagged_not_dropped(client, app, klass):
    now = utcnow()
    assignment_id = add_assignment(
        app, klass, opens_dt=now - timedelta(days=9), due_dt=now - timedelta(days=1)
    )
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    assert "Overdue" in client.get("/en/assignments").get_data(as_text=True)
    result = take_assignment(client, assignment_id, {"answer-q-single": "public"})
    assert "late" in result
    sign_in(app.test_client(), "teacher@school.edu")
    teacher = app.test_client()
    sign_in(teacher, "teacher@school.edu")
    assert "late" in teacher.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)


def test_late_work_can_be_refused(client, app, klass):
    now = utcnow()
    assignment_id = add_assignment(
        app,
        klass,
        opens_dt=now - timedelta(days=9),
        due_dt=now - timedelta(days=1),
        is_late_accepted=False,
    )
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    html = take_assignment(client, assignment_id, {})
    assert "late work is not accepted" in html


def test_assignment_not_open_yet(client, app, klass):
    now = utcnow()
    add_assignment(app, klass, opens_dt=now + timedelta(days=1), due_dt=now + timedelta(days=3))
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    html = client.get("/en/assignments").get_data(as_text=True)
    assert "Upcoming" in html and "This assignment is not open yet." in html


def test_student_cannot_start_another_classes_assignment(client, app, klass):
    assignment_id = add_assignment(app, klass)
    with app.app_context():
        create_user("outsider@school.edu", "Out", "long password")
    sign_in(client, "outsider@school.edu")
    page = client.get("/en/assignments").get_data(as_text=True)
    response = client.post(
        f"/en/assignments/{assignment_id}/start", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 404


# Gradebook


def test_gradebook_shows_best_scores_and_averages_and_opens_attempts(client, app, klass):
    assignment_id = add_assignment(app, klass)
    first = add_student(app, klass, 1)
    add_student(app, klass, 2)
    graded_attempt(app, first, assignment_id, {"q-single": "economic"})
    best = graded_attempt(app, first, assignment_id, {"q-single": "public", "q-truefalse": "false"})
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    assert "28.6%" in html  # 2 of 7 points
    assert "2 attempts" in html
    assert "14.3%" in html  # class average: (28.6 + 0) / 2
    attempt_page = client.get(f"/en/teaching/classes/{klass}/attempts/{best}")
    assert attempt_page.status_code == 200
    assert "Explanation single EN" in attempt_page.get_data(as_text=True)
    sorted_html = client.get(
        f"/en/teaching/classes/{klass}/gradebook?sort=a{assignment_id}&dir=desc"
    )
    names = re.findall(r"Student 00\d", sorted_html.get_data(as_text=True))
    assert names[0] == "Student 001"


def test_gradebook_ranks_a_score_of_zero_above_no_attempt(client, app, klass):
    assignment_id = add_assignment(app, klass)
    add_student(app, klass, 1)
    zero = add_student(app, klass, 2)
    attempt_id = graded_attempt(app, zero, assignment_id, {"q-single": "economic"})
    sign_in(client, "teacher@school.edu")
    for direction, order in (("desc", ["002", "001"]), ("asc", ["001", "002"])):
        page = client.get(
            f"/en/teaching/classes/{klass}/gradebook?sort=a{assignment_id}&dir={direction}"
        )
        html = page.get_data(as_text=True)
        assert re.findall(r"Student (00\d)", html) == order
        assert f'<a href="/en/teaching/classes/{klass}/attempts/{attempt_id}">0%</a>' in html


def test_gradebook_csv_opens_in_spreadsheets(client, app, klass):
    assignment_id = add_assignment(app, klass)
    with app.app_context():
        user = create_user("lan@school.edu", "Nguyễn Thị Lan", "long password")
        join_class(db.session.get(Class, klass), user)
        user_id = user.id
    graded_attempt(app, user_id, assignment_id, {"q-single": "public"})
    sign_in(client, "teacher@school.edu")
    response = client.get(f"/ru/teaching/classes/{klass}/gradebook.csv")
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][0] == "Nguyễn Thị Lan"
    assert rows[1][2] == "14,3\xa0%"
    assert (
        len(rows[0]) == len(rows[1]) == 2 + 5 + 2
    )  # grade, override comment, lessons, attempts, late


def count_queries(app, function):
    statements = []

    def record(*_args):
        statements.append(1)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            function()
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_gradebook_query_count_does_not_grow_with_students(app, teacher):
    counts = []
    for size in (5, 200):
        with app.app_context():
            instructor = db.session.get(User, teacher)
            class_id = create_class(instructor, f"Class {size}", "", "en").id
        assignment_id = add_assignment(app, class_id)
        with app.app_context():  # no password hashing: this is about queries
            users = [
                User(email=f"{size}-{n}@x.org", name=f"S{n}", password_hash="-")
                for n in range(size)
            ]
            db.session.add_all(users)
            db.session.flush()
            db.session.add_all(Enrollment(class_id=class_id, user_id=u.id) for u in users)
            db.session.commit()
            user_ids = [u.id for u in users]
        for user_id in user_ids[::2]:
            graded_attempt(app, user_id, assignment_id, {"q-single": "public"})
        catalog = app.extensions["catalog"]
        counts.append(count_queries(app, lambda c=class_id, k=catalog: build_gradebook(c, k)))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("lang", LANGS)
def test_instructor_pages_in_each_language(client, app, klass, lang):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    attempt_id = graded_attempt(app, student, assignment_id, {"q-single": "public"}, lang=lang)
    sign_in(client, "teacher@school.edu")
    for page in [
        "/{lang}/teaching",
        "/{lang}/teaching/classes/{id}",
        "/{lang}/teaching/classes/{id}/assignments/new",
        "/{lang}/teaching/classes/{id}/gradebook",
        "/{lang}/teaching/classes/{id}/quizzes/demo-quiz/analysis",
        "/{lang}/teaching/classes/{id}/lessons",
        "/{lang}/teaching/classes/{id}/questions/q-ordering",
        "/{lang}/teaching/classes/{id}/attempts/" + str(attempt_id),
        "/{lang}/account",
    ]:
        response = client.get(page.format(lang=lang, id=klass))
        assert response.status_code == 200, page
        assert f'<html lang="{lang}">' in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGS)
def test_student_pages_in_each_language(client, app, klass, lang):
    add_assignment(app, klass)
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    for page in ("/{lang}/classes", "/{lang}/assignments", "/{lang}/account"):
        response = client.get(page.format(lang=lang))
        assert response.status_code == 200, page


def test_assignments_of_content_that_was_removed_still_show(client, app, klass):
    add_assignment(app, klass, module_id="retired-module", quiz_id="retired-quiz")
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    assert client.get("/en/assignments").status_code == 200
    teacher = app.test_client()
    sign_in(teacher, "teacher@school.edu")
    for page in ("", "/gradebook", "/gradebook.csv", "/lessons", "/lessons.csv"):
        assert teacher.get(f"/en/teaching/classes/{klass}{page}").status_code == 200
