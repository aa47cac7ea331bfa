"""Who may open what (a token that does not authenticate, other classes' attempts) and CSV exports
that spreadsheets cannot run."""

import csv
import io
from dataclasses import replace

import pytest
from markupsafe import Markup

from course.accounts.models import User
from course.accounts.users import create_user
from course.classes.models import Class
from course.classes.rosters import create_class, join_class
from course.csvexport import FORMULA_STARTS, csv_text
from course.extensions import db
from tests.factories import add_assignment, add_student, graded_attempt, sign_in

# A Bearer header that does not authenticate


def test_a_bogus_bearer_header_does_not_excuse_a_session_request_from_csrf(client, auth, user):
    auth.login()
    response = client.post(
        "/api/v1/quizzes/demo-quiz/attempts", headers={"Authorization": "Bearer not-a-token"}
    )
    assert response.status_code == 400
    assert "CSRF" in response.get_json()["error"]["message"]


def test_a_bogus_bearer_header_is_unauthenticated(client):
    bogus = {"Authorization": "Bearer not-a-token"}
    assert client.get("/api/v1/session", headers=bogus).get_json()["user"] is None
    assert client.post("/api/v1/quizzes/demo-quiz/attempts", headers=bogus).status_code == 400


def test_a_real_token_needs_no_csrf_token(client, user):
    token = client.post(
        "/api/v1/tokens", json={"email": "learner@example.org", "password": "correct horse"}
    ).get_json()["token"]
    response = client.post(
        "/api/v1/quizzes/demo-quiz/attempts", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201


# The instructor's view of a student's attempt


def test_an_attempt_for_this_class_opens(client, app, klass):
    student = add_student(app, klass, 1)
    attempt_id = graded_attempt(app, student, add_assignment(app, klass), {"q-single": "public"})
    sign_in(client, "teacher@school.edu")
    assert client.get(f"/en/teaching/classes/{klass}/attempts/{attempt_id}").status_code == 200


def test_private_practice_of_a_student_does_not_open(client, app, klass):
    student = add_student(app, klass, 1)
    practice = graded_attempt(app, student, None, {"q-single": "public"})
    sign_in(client, "teacher@school.edu")
    assert client.get(f"/en/teaching/classes/{klass}/attempts/{practice}").status_code == 404


def test_an_attempt_for_another_instructors_class_does_not_open(client, app, klass):
    student = add_student(app, klass, 1)
    with app.app_context():
        other = create_user("other@school.edu", "Other", "long password", role="instructor")
        other_class = create_class(other, "Other class", "", "en").id
        join_class(db.session.get(Class, other_class), db.session.get(User, student))
    elsewhere = graded_attempt(
        app, student, add_assignment(app, other_class), {"q-single": "public"}
    )
    sign_in(client, "teacher@school.edu")
    assert client.get(f"/en/teaching/classes/{klass}/attempts/{elsewhere}").status_code == 404


# CSV exports


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_is_quoted(start):
    text = csv_text([[start + 'HYPERLINK("http://evil.example")', "plain"]])
    assert text.startswith("\ufeff")
    row = next(csv.reader(io.StringIO(text[1:])))
    assert row == ["'" + start + 'HYPERLINK("http://evil.example")', "plain"]


def test_numbers_are_written_as_figures():
    # A negative number is a figure, not a formula; the app's scores are never negative.
    assert csv_text([[-3, 2.5, "28,6\xa0%", None]]) == '\ufeff-3,2.5,"28,6\xa0%",\r\n'


HOSTILE = 'HYPERLINK("http://evil.example","x")'


def student_named(name):
    def plant(app, klass):
        with app.app_context():  # not create_user(), which would strip a leading tab
            student = User(email="s@school.edu", name=name, password_hash="-")
            db.session.add(student)
            db.session.commit()
            join_class(db.session.get(Class, klass), student)
        return "'" + name

    return plant


def question_prompt(text):
    """The single-choice question's prompt, in English, becomes `text`; the file has it as plain
    text, white space trimmed."""

    def plant(app, klass):
        catalog = app.extensions["catalog"]
        question = catalog.questions["q-single"]
        prompt = {**question.prompt, "en": Markup.escape(text)}
        questions = {**catalog.questions, "q-single": replace(question, prompt=prompt)}
        app.extensions["catalog"] = replace(catalog, questions=questions)
        return text.strip() if text[0].isspace() else "'" + text

    return plant


REPORTS = {
    "gradebook": ("/en/teaching/classes/{id}/gradebook.csv", student_named),
    "lessons": ("/en/teaching/classes/{id}/lessons.csv", student_named),
    "item analysis": ("/en/teaching/classes/{id}/quizzes/demo-quiz/analysis.csv", question_prompt),
}


@pytest.mark.parametrize("start", list(FORMULA_STARTS))
@pytest.mark.parametrize("report", REPORTS)
def test_every_report_csv_neutralises_formulas(client, app, klass, report, start):
    url, plant = REPORTS[report]
    expected = plant(start + HOSTILE)(app, klass)
    add_assignment(app, klass)
    sign_in(client, "teacher@school.edu")
    body = client.get(url.format(id=klass)).get_data(as_text=True)
    cells = [cell for row in csv.reader(io.StringIO(body.lstrip("\ufeff"))) for cell in row]
    assert expected in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)
