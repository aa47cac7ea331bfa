"""Item analysis on a hand-checked example, and the page an instructor reads it on."""

import json

import pytest

from course.classes.reports.item_analysis import (
    AttemptRecord,
    analyse,
    choose_attempts,
    class_attempt_records,
)
from course.content.loader import load_catalog
from tests.conftest import FIXTURE_CONTENT
from tests.factories import add_assignment, add_student, graded_attempt, sign_in

CATALOG = load_catalog(FIXTURE_CONTENT)
SINGLE, TRUE_FALSE = CATALOG.questions["q-single"], CATALOG.questions["q-truefalse"]


def record(student, single, tf, lang, score=None):
    """One attempt: the single-choice answer (option, language) and the true/false one, each
    as it is stored (JSON text)."""
    single_points = 1.0 if single == "public" else 0.0
    tf_points = 1.0 if tf == "false" else 0.0
    return AttemptRecord(
        attempt_id=student,
        student_id=student,
        score=single_points + tf_points if score is None else score,
        answers={
            "q-single": (json.dumps(single), lang, single_points),
            "q-truefalse": (json.dumps(tf), "en", tf_points),
        },
    )


# Three students answered in English and got the single-choice question right,
# three answered in Vietnamese and got it wrong:
#   item (q-single):  1 1 1 0 0 0      rest (q-truefalse): 1 1 1 0 0 1
# facility = 3/6 = 0.5; discrimination = r(item, rest) = 1 / sqrt(1.5 × 4/3) = 0.7071
EXAMPLE = [
    record(1, "public", "false", "en"),
    record(2, "public", "false", "en"),
    record(3, "public", "false", "en"),
    record(4, "economic", "true", "vi"),
    record(5, "economic", "true", "vi"),
    record(6, "defence", "false", "vi"),
]


def test_facility_discrimination_and_option_counts():
    single, tf = analyse([SINGLE, TRUE_FALSE], EXAMPLE)
    assert single.responses == 6
    assert single.facility == pytest.approx(0.5)
    assert single.discrimination == pytest.approx(0.7071, abs=1e-4)
    assert single.option_counts == {"public": 3, "economic": 2, "defence": 1}
    assert tf.facility == pytest.approx(4 / 6)


def test_a_question_harder_in_one_language_is_flagged():
    single, tf = analyse([SINGLE, TRUE_FALSE], EXAMPLE)
    assert single.by_language == {"en": (3, 1.0), "vi": (3, 0.0)}
    assert single.flagged_language == "vi"
    assert tf.flagged_language is None  # answered in one language only


def test_small_groups_are_not_flagged():
    single, _tf = analyse([SINGLE, TRUE_FALSE], EXAMPLE[:5])  # only two in Vietnamese
    assert single.flagged_language is None


def test_discrimination_needs_variation():
    same = [record(n, "public", "false", "en") for n in range(1, 5)]
    single, _tf = analyse([SINGLE, TRUE_FALSE], same)
    assert single.facility == 1
    assert single.discrimination is None


def test_first_best_or_all_attempts():
    attempts = [(11, 1, 0.0), (21, 2, 1.0), (12, 1, 1.0), (13, 1, 1.0)]  # as submitted
    assert choose_attempts(attempts, "first") == [(11, 1, 0.0), (21, 2, 1.0)]
    assert choose_attempts(attempts, "best") == [(12, 1, 1.0), (21, 2, 1.0)]  # first of equals
    assert choose_attempts(attempts, "all") == attempts


def test_the_class_attempts_chosen(app, klass):
    assignment_id = add_assignment(app, klass, max_attempts=3)
    first, second = add_student(app, klass, 1), add_student(app, klass, 2)
    worse = graded_attempt(app, first, assignment_id, {"q-single": "economic"})
    better = graded_attempt(app, first, assignment_id, {"q-single": "public"})
    as_good = graded_attempt(app, first, assignment_id, {"q-single": "public"})
    only = graded_attempt(app, second, assignment_id, {"q-single": "public"})
    with app.app_context():
        catalog = app.extensions["catalog"]
        quiz = catalog.quizzes["demo-quiz"]

        def chosen(mode):
            records = class_attempt_records(klass, quiz, catalog.question_pool(quiz), mode)
            return [r.attempt_id for r in records]

        assert chosen("first") == [worse, only]
        assert chosen("best") == [better, only]
        assert chosen("all") == [worse, better, as_good, only]


def test_attempt_records_hold_every_question_asked(app, klass):
    assignment_id = add_assignment(app, klass)
    student = add_student(app, klass, 1)
    answers = {
        "q-single": "public",
        "q-multiple": ["cyber", "virtual"],
        "q-numeric": {"text": "73,6", "lang": "vi"},
    }
    graded_attempt(app, student, assignment_id, answers, lang="vi")
    with app.app_context():
        catalog = app.extensions["catalog"]
        quiz = catalog.quizzes["demo-quiz"]
        (record,) = class_attempt_records(klass, quiz, catalog.question_pool(quiz), "best")
    assert json.loads(record.answers["q-single"][0]) == "public"
    assert record.answers["q-single"][1:] == ("vi", 1.0)
    assert json.loads(record.answers["q-multiple"][0]) == ["cyber", "virtual"]
    assert record.answers["q-multiple"][1] == "vi"
    assert record.answers["q-numeric"][0] is None  # only options' choices are counted
    assert record.answers["q-numeric"][1:] == ("vi", 1.0)
    assert record.answers["q-truefalse"] == (None, "", 0.0)  # asked, not answered
    assert set(record.answers) == set(quiz.question_ids)


def test_unanswered_questions_count_as_zero():
    blank = AttemptRecord(1, 1, 0.0, {"q-single": (None, "", 0.0)})
    (single,) = analyse([SINGLE], [blank])
    assert single.responses == 1
    assert single.facility == 0
    assert single.by_language == {}


def test_item_analysis_page_flags_the_question_and_links_all_languages(client, app, klass):
    assignment_id = add_assignment(app, klass)
    for n, (answer, lang) in enumerate([("public", "en")] * 3 + [("economic", "vi")] * 3, start=1):
        student = add_student(app, klass, n)
        graded_attempt(app, student, assignment_id, {"q-single": answer}, lang=lang)
    sign_in(client, "teacher@school.edu")
    page = client.get(f"/en/teaching/classes/{klass}/quizzes/demo-quiz/analysis?mode=first")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "6 attempts analysed." in html
    assert "Differs in Tiếng Việt" in html
    question = client.get(f"/en/teaching/classes/{klass}/questions/q-single").get_data(as_text=True)
    for text in ("Single prompt EN", "Câu hỏi một lựa chọn", "Вопрос с одним ответом"):
        assert text in question
