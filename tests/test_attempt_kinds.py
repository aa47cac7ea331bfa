"""Attempts of the practice kinds (my mistakes, a review session) count nowhere: not for
progress, the quiz page, a student's assignments, the gradebook or item analysis."""

from datetime import timedelta

from course.accounts.users import create_user
from course.classes.rosters import create_class
from course.learners.current import learner_for_user
from course.quizzes.models import AttemptKind
from course.spaced_review.sessions import answer_question, start_session
from course.timeutil import utcnow
from tests.factories import add_assignment, add_student, graded_attempt, sign_in

ONE_RIGHT = {"q-single": "public"}  # 1 of 7 points: 14.3 %


def what_the_student_sees(client) -> tuple[str, dict, list]:
    quiz_page = client.get("/en/quizzes/demo-quiz").get_data(as_text=True)
    progress = client.get("/api/v1/progress").get_json()["modules"][0]["quiz"]
    assignments = client.get("/api/v1/assignments").get_json()["assignments"]
    return quiz_page, progress, assignments


def what_the_teacher_sees(client, klass) -> tuple[str, str]:
    gradebook = client.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    analysis = client.get(f"/en/teaching/classes/{klass}/quizzes/demo-quiz/analysis")
    return gradebook, analysis.get_data(as_text=True)


def test_only_quiz_attempts_count(client, app, klass):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    for kind in (AttemptKind.MISTAKES, AttemptKind.REVIEW):
        graded_attempt(app, student, assignment_id, ONE_RIGHT, kind=kind)
        graded_attempt(app, student, None, ONE_RIGHT, kind=kind)
    sign_in(client, "s1@school.edu")
    teacher = app.test_client()
    sign_in(teacher, "teacher@school.edu")
    quiz_page, progress, assignments = what_the_student_sees(client)
    assert "Best score" not in quiz_page
    assert progress["attempts"] == 0
    assert assignments[0]["attempts_used"] == 0
    gradebook, analysis = what_the_teacher_sees(teacher, klass)
    assert "14.3%" not in gradebook
    assert "0 attempts analysed." in analysis

    graded_attempt(app, student, assignment_id, ONE_RIGHT)
    gradebook, analysis = what_the_teacher_sees(teacher, klass)
    assert "14.3%" in gradebook
    assert "1 attempt analysed." in analysis
    quiz_page, progress, assignments = what_the_student_sees(client)
    assert "Best score" in quiz_page
    assert progress["attempts"] == 1
    assert assignments[0]["attempts_used"] == 1


def test_a_real_review_session_counts_nowhere_and_breaks_no_page(client, app):
    student = add_student(app, create_class_for_review(app), 1)
    graded_attempt(app, student, None, {"q-single": "economic"})
    with app.app_context():
        learner_id = learner_for_user(student).id
        catalog = app.extensions["catalog"]
        now = utcnow() + timedelta(minutes=2)
        finished = start_session(learner_id, catalog, now, "UTC")
        answer_question(finished, "q-single", "public", "en", now)
        session_id = finished.id
        graded_attempt(app, student, None, {"q-multiple": ["cyber"]})
        assert start_session(learner_id, catalog, now + timedelta(minutes=2), "UTC")  # left open
    sign_in(client, "s1@school.edu")
    quiz_page, progress, _ = what_the_student_sees(client)
    assert progress["attempts"] == 2  # the two quiz attempts only
    for page in ("/en/", "/en/quizzes/demo-quiz", "/en/account", "/en/account/data"):
        assert client.get(page).status_code == 200, page
    assert "review:session" not in quiz_page
    # Not a quiz's attempt: its pages are those of the Review page, not of quizzes.
    for page in (f"/en/attempts/{session_id}", f"/api/v1/attempts/{session_id}"):
        assert client.get(page).status_code == 404, page


def create_class_for_review(app):
    with app.app_context():
        teacher = create_user("t@school.edu", "Thầy Nam", "long password", role="instructor")
        return create_class(teacher, "Lớp 11B", "Review", "vi").id
