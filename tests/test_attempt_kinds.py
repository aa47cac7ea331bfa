"""Attempts of the practice kinds (my mistakes, a review session) count nowhere: not for
progress, the quiz page, a student's assignments, the gradebook or item analysis."""

from course.quizzes.models import AttemptKind
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
