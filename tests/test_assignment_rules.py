"""The assignment form: closing date, time limit, grading method and review options, to create
an assignment or edit one; and regrading attempts after a key was corrected."""

from datetime import datetime

import pytest

from course.classes.models import Assignment
from course.content.review_options import ASSIGNMENT_REVIEW
from course.extensions import db
from course.quizzes.models import Answer, Attempt, Regrade
from course.quizzes.regrade import UnknownContent, regrade
from tests.conftest import LANGS, csrf_token
from tests.factories import add_assignment, add_student, graded_attempt, sign_in

FILLED = {
    "target": "module:demo",
    "opens": "2030-01-01T08:00",
    "due": "2030-01-10T09:00",
    "closes": "2030-01-12T09:00",
    "max_attempts": "3",
    "is_late_accepted": "y",
    "time_limit_minutes": "45",
    "grading_method": "average",
    "review_score": "immediately",
    "review_correctness": "after_due",
    "review_key": "after_close",
    "review_explanations": "never",
}


def post_form(client, url, lang="en", **changes):
    page = client.get(url.format(lang=lang)).get_data(as_text=True)
    data = {k: v for k, v in {**FILLED, **changes}.items() if v is not None}
    return client.post(url.format(lang=lang), data={**data, "csrf_token": csrf_token(page)})


def new_url(klass):
    return f"/{{lang}}/teaching/classes/{klass}/assignments/new"


def stored(app) -> Assignment:
    with app.app_context():
        assignment = db.session.scalars(db.select(Assignment)).one()
        db.session.expunge(assignment)
        return assignment


SHOWN = {
    "en": ["average of attempts", "45 minutes", "after the due date", "never"],
    "vi": ["trung bình các lần làm", "45 phút", "sau hạn nộp", "không bao giờ"],
    "ru": ["среднее по попыткам", "45 минут", "после срока сдачи", "никогда"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_instructor_sets_the_rules_and_the_class_page_shows_them(client, app, klass, lang):
    sign_in(client, "teacher@school.edu")
    response = post_form(client, new_url(klass), lang)
    assert response.status_code == 302
    assignment = stored(app)
    assert assignment.closes_dt == datetime(2030, 1, 12, 2, 0)  # entered in Hanoi, UTC+7
    assert assignment.time_limit_minutes == 45
    assert assignment.grading_method == "average"
    assert (assignment.review.correctness, assignment.review.explanations) == ("after_due", "never")
    html = client.get(f"/{lang}/teaching/classes/{klass}").get_data(as_text=True)
    for text in SHOWN[lang]:
        assert text in html


def test_the_form_starts_from_the_defaults_and_says_so(client, app, klass):
    sign_in(client, "teacher@school.edu")
    html = client.get(new_url(klass).format(lang="en") + "?target=module:demo").get_data(
        as_text=True
    )
    for part in ASSIGNMENT_REVIEW.parts():
        value = getattr(ASSIGNMENT_REVIEW, part)
        assert f'<option selected value="{value}">' in html.split(f'id="review_{part}"')[1]
    assert "Defaults: the score immediately" in html
    assert "after it no attempt can be started" in html.lower()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("closes", "2030-01-09T09:00", "The closing date cannot come before the due date."),
        ("time_limit_minutes", "0", "Between 1 and 600, please."),
        ("time_limit_minutes", "601", "Between 1 and 600, please."),
        ("time_limit_minutes", "-5", "Between 1 and 600, please."),
        ("time_limit_minutes", "99999999999999999999", "Between 1 and 600, please."),
        ("grading_method", "median", "Not a valid choice"),
        ("review_key", "tomorrow", "Not a valid choice"),
        ("closes", "not a date", "Not a valid datetime value"),
    ],
)
def test_bad_rules_are_form_errors(client, app, klass, field, value, message):
    sign_in(client, "teacher@school.edu")
    response = post_form(client, new_url(klass), **{field: value})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(Assignment)) is None


def test_after_close_without_a_closing_date_is_warned_about(client, app, klass):
    sign_in(client, "teacher@school.edu")
    response = post_form(client, new_url(klass), closes="")
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "will never be shown" in html
    assert stored(app).closes_dt is None
    response = post_form(client, new_url(klass), closes="", review_key="never")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "will never be shown" not in html


def test_instructor_edits_an_assignment_to_add_a_closing_date(client, app, klass):
    assignment_id = add_assignment(app, klass)
    sign_in(client, "teacher@school.edu")
    url = f"/{{lang}}/teaching/classes/{klass}/assignments/{assignment_id}/edit"
    page = client.get(url.format(lang="en")).get_data(as_text=True)
    assert 'id="target"' not in page  # what is assigned stays
    assert 'value="2"' in page  # the attempts allowed, as stored
    response = post_form(client, url, target=None, grading_method="last")
    assert response.status_code == 302
    assignment = stored(app)
    assert assignment.closes_dt == datetime(2030, 1, 12, 2, 0)
    assert assignment.grading_method == "last"
    assert assignment.quiz_id == "demo-quiz"


def test_students_cannot_edit_assignments(client, app, klass):
    assignment_id = add_assignment(app, klass)
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    url = f"/en/teaching/classes/{klass}/assignments/{assignment_id}/edit"
    assert client.get(url).status_code == 404


def test_only_the_classes_assignments_can_be_edited(client, app, klass, teacher):
    from course.accounts.models import User
    from course.classes.rosters import create_class

    with app.app_context():
        other = create_class(db.session.get(User, teacher), "Other", "", "en").id
    assignment_id = add_assignment(app, other)
    sign_in(client, "teacher@school.edu")
    url = f"/en/teaching/classes/{klass}/assignments/{assignment_id}/edit"
    assert client.get(url).status_code == 404


# Regrading


def spoil_grade(app, attempt_id):
    """As if the attempt had been graded with a wrong key: every answer scored 0."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.score, attempt.is_passed = 0.0, False
        for answer in attempt.answers:
            answer.score = 0.0
        db.session.commit()


def test_regrade_rescores_with_the_current_keys(app, klass):
    assignment_id = add_assignment(app, klass, max_attempts=None)
    student = add_student(app, klass, 1)
    spoiled = graded_attempt(app, student, assignment_id, {"q-single": "public"})
    graded_attempt(app, student, assignment_id, {"q-truefalse": "false"})
    spoil_grade(app, spoiled)
    with app.app_context():
        record = regrade(app.extensions["catalog"], question_ids=["q-single"])
        assert (record.attempts_rescored, record.attempts_changed) == (2, 1)
        assert record.question_ids == ["q-single"]
        attempt = db.session.get(Attempt, spoiled)
        assert attempt.score == 1.0 and attempt.regraded_dt is not None
        answer = db.session.scalar(db.select(Answer).where(Answer.attempt_id == spoiled))
        assert answer.score == 1.0
        assert db.session.scalar(db.select(db.func.count(Regrade.id))) == 1


def test_regrade_command_reports_what_changed(app, klass, runner):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    spoil_grade(app, graded_attempt(app, student, assignment_id, {"q-single": "public"}))
    result = runner.invoke(args=["attempts", "regrade", "--quiz", "demo-quiz"])
    assert result.exit_code == 0, result.output
    assert "1 attempt rescored, 1 changed." in result.output
    again = runner.invoke(args=["attempts", "regrade", "--question", "q-single"])
    assert "1 attempt rescored, 0 changed." in again.output
    unknown = runner.invoke(args=["attempts", "regrade", "--question", "q-nope"])
    assert unknown.exit_code != 0 and "q-nope" in unknown.output


def test_regrade_refuses_unknown_content(app):
    with app.app_context(), pytest.raises(UnknownContent):
        regrade(app.extensions["catalog"], quiz_id="no-such-quiz")


REGRADED = {"en": "Regraded on", "vi": "Chấm lại lúc", "ru": "Пересчитано"}


@pytest.mark.parametrize("lang", LANGS)
def test_instructor_sees_that_an_attempt_was_regraded(client, app, klass, lang):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    attempt_id = graded_attempt(app, student, assignment_id, {"q-single": "public"})
    with app.app_context():
        regrade(app.extensions["catalog"])
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/{lang}/teaching/classes/{klass}/attempts/{attempt_id}").get_data(
        as_text=True
    )
    assert REGRADED[lang] in html
