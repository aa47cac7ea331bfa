"""Results that teach: the score by lesson and the time taken, only my mistakes, practise my
mistakes, and how each answer was scored; each only where the review options show it."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from course.content.loader import load_catalog
from course.extensions import db
from course.quizzes.models import Attempt, AttemptKind
from course.quizzes.results import QuestionResult
from course.quizzes.summary import format_duration, lesson_scores
from tests.conftest import FIXTURE_CONTENT, LANGS, close_app, csrf_token, make_app
from tests.factories import add_assignment, add_student, sign_in
from tests.test_classes import take_assignment
from tests.test_quizzes import FULL_MARKS, post, start
from tests.test_review import close_assignment

# The first lesson all right; the second: no number, one item of three in place, the pairs
# right, the text wrong. Questions 4, 5 and 7 are the mistakes.
MIXED = {
    **FULL_MARKS,
    "answer-q-ordering-statecraft": "1",
    "answer-q-ordering-singapore": "3",
    "answer-q-ordering-indonesia": "2",
    "answer-q-text": "Facebook",
}
MISTAKES = ("q-numeric", "q-ordering", "q-text")
RIGHT = ("q-single", "q-multiple", "q-truefalse", "q-matching")
ALL_RIGHT = {
    "answer-q-numeric": "73.6",
    "answer-q-ordering-statecraft": "1",
    "answer-q-ordering-singapore": "2",
    "answer-q-ordering-indonesia": "3",
    "answer-q-text": "Zalo",
}
PRACTISE = {
    "en": "Practise my mistakes: 3 questions",
    "vi": "Luyện lại câu sai: 3 câu",
    "ru": "Работа над ошибками: 3 вопроса",
}
PRACTISING = {
    "en": "Practising your mistakes from “Quiz: Demo”",
    "vi": "Luyện lại các câu sai của “Bài kiểm tra: Mẫu”",
    "ru": "Работа над ошибками: «Тест: Пробный»",
}
BY_LESSON = {"en": "Score by lesson", "vi": "Điểm theo bài học", "ru": "Баллы по урокам"}
TAKEN = {"en": "12 min 30 sec", "vi": "12 phút 30 giây", "ru": "12 мин 30 с"}
ORDERING_NOTE = {
    "en": "Items in their right place",
    "vi": "Mục đúng vị trí",
    "ru": "На своём месте",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_CONTENT)


def result(catalog, question_id, points, answered=True) -> QuestionResult:
    question = catalog.questions[question_id]
    return QuestionResult(question, points, answered, None, [], None, explained=False)


def test_lesson_scores_put_the_weakest_lesson_first_and_count_its_mistakes(catalog):
    results = [result(catalog, q, 1.0) for q in RIGHT] + [
        result(catalog, "q-numeric", 0.0, answered=False),
        result(catalog, "q-ordering", 0.3333),
        result(catalog, "q-text", 0.0),
    ]
    second, first = lesson_scores(results, catalog)
    assert (second.lesson.id, second.points, second.max_points) == ("second-lesson", 1.3333, 4)
    assert (second.questions, second.mistakes) == (4, 3)
    assert (first.lesson.id, first.points, first.mistakes, first.percent) == (
        "first-lesson",
        3.0,
        0,
        100.0,
    )


def test_lesson_scores_follow_the_course_when_lessons_score_alike(catalog):
    results = [result(catalog, q, 0.0) for q in ("q-text", "q-single")]
    assert [row.lesson.id for row in lesson_scores(results, catalog)] == [
        "first-lesson",
        "second-lesson",
    ]


def test_a_question_whose_correctness_is_held_back_counts_in_no_lesson(catalog):
    results = [result(catalog, "q-single", None), result(catalog, "q-text", 0.0)]
    assert [row.lesson.id for row in lesson_scores(results, catalog)] == ["second-lesson"]
    assert lesson_scores([result(catalog, "q-single", None)], catalog) == []


@pytest.mark.parametrize(
    ("seconds", "lang", "said"),
    [
        (750, "en", "12 min 30 sec"),
        (750, "vi", "12 phút 30 giây"),
        (750, "ru", "12 мин 30 с"),
        (3900, "ru", "1 ч 5 мин"),
        (59.6, "en", "1 min"),
        (0, "vi", "0 giây"),
    ],
)
def test_the_time_taken_is_told_to_the_second_in_the_learners_language(seconds, lang, said):
    assert format_duration(timedelta(seconds=seconds), lang) == said


def submit(client, answers=MIXED, lang="en"):
    url, page = start(client, lang)
    post(client, url, page, answers, action="submit")
    return url


def attempt_id(url) -> int:
    return int(re.search(r"/attempts/(\d+)", url).group(1))


def lesson_section(page: str) -> str:
    found = re.search(r'<section class="card lesson-scores".*?</section>', page, re.S)
    return found.group(0) if found else ""


@pytest.mark.parametrize("lang", LANGS)
def test_the_result_opens_with_the_score_by_lesson_and_the_time_taken(app, client, lang):
    url = submit(client, lang=lang)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id(url))
        attempt.started_dt = attempt.submitted_dt - timedelta(minutes=12, seconds=30)
        db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert TAKEN[lang] in page
    lessons = lesson_section(page)
    assert BY_LESSON[lang] in lessons
    second = lessons.index(f'href="/{lang}/lessons/second-lesson"')
    assert second < lessons.index(f'href="/{lang}/lessons/first-lesson"')  # the weakest first
    assert page.index(BY_LESSON[lang]) < page.index('class="results"')


def numbers_shown(page: str) -> dict[str, int]:
    """Question ID → the number the page gives it."""
    found = re.findall(r'id="q-([\w-]+)".*?<h2 class="question-number">\D*(\d+)', page, re.S)
    return {question_id: int(number) for question_id, number in found}


@pytest.mark.parametrize("lang", LANGS)
def test_only_my_mistakes_keeps_their_numbers(client, lang):
    url = submit(client, lang=lang)
    page = client.get(url).get_data(as_text=True)
    assert numbers_shown(page) == {
        q: n
        for n, q in enumerate(RIGHT[:3] + ("q-numeric", "q-ordering", "q-matching", "q-text"), 1)
    }
    assert f'href="{url}?only=mistakes"' in page
    mistakes = client.get(f"{url}?only=mistakes").get_data(as_text=True)
    assert numbers_shown(mistakes) == {"q-numeric": 4, "q-ordering": 5, "q-text": 7}
    assert f'href="{url}"' in mistakes  # back to every question


@pytest.mark.parametrize("lang", LANGS)
def test_partial_credit_is_explained_at_its_question(client, lang):
    page = client.get(submit(client, lang=lang)).get_data(as_text=True)
    ordering = page[page.index('id="q-q-ordering"') : page.index('id="q-q-matching"')]
    assert ORDERING_NOTE[lang] in ordering and "scoring-notes" in ordering
    assert page.count('class="scoring-notes"') == 1  # wrong single answers need no sums


def test_a_right_answer_is_folded_and_a_mistake_is_not(client):
    page = client.get(submit(client)).get_data(as_text=True)
    single = page[page.index('id="q-q-single"') : page.index('id="q-q-multiple"')]
    text = page[page.index('id="q-q-text"') :]
    assert "<details" in single and "Explanation single EN" in single
    assert "<details" not in text.split("</li>")[0]


def practise(client, url):
    page = client.get(url).get_data(as_text=True)
    return client.post(f"{url}/mistakes", data={"csrf_token": csrf_token(page)})


@pytest.mark.parametrize("lang", LANGS)
def test_practise_my_mistakes_start_answer_submit(app, client, lang):
    url = submit(client, lang=lang)
    assert PRACTISE[lang] in client.get(url).get_data(as_text=True)
    response = practise(client, url)
    assert response.status_code == 302
    mistakes_url = response.headers["Location"]
    assert attempt_id(mistakes_url) != attempt_id(url)
    page = client.get(mistakes_url).get_data(as_text=True)
    assert PRACTISING[lang] in page
    assert set(re.findall(r'<section class="question[^"]*" id="q-([\w-]+)"', page)) == set(MISTAKES)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id(mistakes_url))
        assert (attempt.kind, attempt.assignment_id, attempt.deadline_dt) == (
            AttemptKind.MISTAKES,
            None,
            None,
        )
        assert attempt.question_ids == list(MISTAKES)
    numeric = {"en": "73.6", "vi": "73,6", "ru": "73,6"}[lang]
    post(client, mistakes_url, page, {**ALL_RIGHT, "answer-q-numeric": numeric}, action="submit")
    result = client.get(mistakes_url).get_data(as_text=True)
    assert PRACTISING[lang] in result and "score-card passed" in result
    assert "/mistakes" not in result  # nothing left to practise


def test_a_second_click_goes_on_with_the_same_practice(client):
    url = submit(client)
    first = practise(client, url).headers["Location"]
    assert practise(client, url).headers["Location"] == first


def test_nothing_to_practise_without_mistakes(app, client):
    answers = {**FULL_MARKS, "answer-q-numeric": "73.6"}
    url = submit(client, answers)
    assert "/mistakes" not in client.get(url).get_data(as_text=True)
    response = practise(client, url)
    assert response.headers["Location"].endswith(url)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Attempt.id))) == 1


def test_no_one_else_may_practise_an_attempts_mistakes(app, client):
    url = submit(client)
    stranger = app.test_client()
    page = stranger.get("/en/quizzes/demo-quiz").get_data(as_text=True)
    response = stranger.post(f"{url}/mistakes", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 404


def test_practising_mistakes_counts_nowhere(app, client):
    submit(client)
    url = submit(client)  # two quiz attempts, then a mistakes attempt right in every question
    mistakes_url = practise(client, url).headers["Location"]
    page = client.get(mistakes_url).get_data(as_text=True)
    post(client, mistakes_url, page, ALL_RIGHT, action="submit")
    progress = client.get("/api/v1/progress").get_json()["modules"][0]["quiz"]
    assert progress["attempts"] == 2
    quiz_page = client.get("/en/quizzes/demo-quiz").get_data(as_text=True)
    assert "100%" not in quiz_page


def test_practising_an_assignments_mistakes_is_not_in_its_gradebook_or_item_analysis(
    app, client, klass
):
    shown = {f"review_{part}": "immediately" for part in ("correctness", "key", "explanations")}
    assignment_id = add_assignment(app, klass, **shown)
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    take_assignment(client, assignment_id, MIXED)
    with app.app_context():
        source = db.session.scalar(select(Attempt.id))
    mistakes_url = practise(client, f"/en/attempts/{source}").headers["Location"]
    page = client.get(mistakes_url).get_data(as_text=True)
    post(client, mistakes_url, page, ALL_RIGHT, action="submit")
    assert "score-card passed" in client.get(mistakes_url).get_data(as_text=True)
    teacher = app.test_client()
    sign_in(teacher, "teacher@school.edu")
    gradebook = teacher.get(f"/en/teaching/classes/{klass}/gradebook").get_data(as_text=True)
    analysis = teacher.get(f"/en/teaching/classes/{klass}/quizzes/demo-quiz/analysis")
    assert "100%" not in gradebook and "61.9%" in gradebook  # 4.33 of 7
    assert "1 attempt analysed." in analysis.get_data(as_text=True)
    (item,) = client.get("/api/v1/assignments").get_json()["assignments"]
    assert item["attempts_used"] == 1


@pytest.fixture
def timed_app(tmp_path, timed_content):
    app = make_app(tmp_path, content_dir=timed_content)
    yield app
    close_app(app)


def test_a_timed_quizs_mistakes_are_practised_without_a_time_limit(timed_app):
    client = timed_app.test_client()
    url = submit(client)
    with timed_app.app_context():
        assert db.session.get(Attempt, attempt_id(url)).deadline_dt is not None
    mistakes_url = practise(client, url).headers["Location"]
    with timed_app.app_context():
        assert db.session.get(Attempt, attempt_id(mistakes_url)).deadline_dt is None
    assert "data-countdown" not in client.get(mistakes_url).get_data(as_text=True)


def what_teaches(page: str) -> dict[str, bool]:
    return {
        "lessons": "lesson-scores" in page,
        "filter": "?only=mistakes" in page,
        "notes": "scoring-notes" in page,
        "practise": "/mistakes" in page,
    }


EVERYTHING = dict.fromkeys(("lessons", "filter", "notes", "practise"), True)
NOTHING = dict.fromkeys(("lessons", "filter", "notes", "practise"), False)


@pytest.fixture
def student(app, klass, client):
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")


def test_an_assignment_teaches_once_its_review_shows_which_answers_were_right(
    app, client, klass, student
):
    assignment_id = add_assignment(app, klass, closes_dt=None)  # right answers: after closing
    take_assignment(client, assignment_id, MIXED)
    with app.app_context():
        url = f"/en/attempts/{db.session.scalar(select(Attempt.id))}"
    page = client.get(url).get_data(as_text=True)
    assert what_teaches(page) == NOTHING
    assert numbers_shown(client.get(f"{url}?only=mistakes").get_data(as_text=True)) == {
        q: n
        for n, q in enumerate(RIGHT[:3] + ("q-numeric", "q-ordering", "q-matching", "q-text"), 1)
    }  # not filtered: which were wrong is not shown yet
    assert practise(client, url).headers["Location"].endswith(url)
    api = client.get(f"/api/v1/attempts/{attempt_id(url)}").get_json()
    assert (api["lessons"], api["mistakes"]) == (None, None)
    assert {q["notes"] for q in api["questions"] if q["notes"] is not None} == set()
    close_assignment(app, assignment_id)
    assert what_teaches(client.get(url).get_data(as_text=True)) == EVERYTHING


def test_practice_of_an_assigned_quiz_teaches_nothing_that_would_give_its_key_away(
    app, client, klass, student
):
    add_assignment(app, klass)
    url = submit(client)
    assert what_teaches(client.get(url).get_data(as_text=True)) == NOTHING
    assert "Practising" not in client.get(practise(client, url).headers["Location"]).get_data(
        as_text=True
    )


def test_the_final_exams_mistakes_are_practised_without_its_key(client):
    page = client.get("/en/quizzes/final-exam").get_data(as_text=True)
    url = client.post(
        "/en/quizzes/final-exam/attempts", data={"csrf_token": csrf_token(page)}
    ).headers["Location"]
    post(client, url, client.get(url).get_data(as_text=True), {}, action="submit")
    result = client.get(url).get_data(as_text=True)
    assert what_teaches(result)["lessons"] and what_teaches(result)["practise"]
    assert "Correct answer" not in result
    mistakes_url = practise(client, url).headers["Location"]
    page = client.get(mistakes_url).get_data(as_text=True)
    post(client, mistakes_url, page, {}, action="submit")
    mistakes_result = client.get(mistakes_url).get_data(as_text=True)
    assert "Practising your mistakes" in mistakes_result
    assert "Correct answer" not in mistakes_result
    assert "The right answers are not shown for this quiz." in mistakes_result


@pytest.mark.parametrize("lang", LANGS)
def test_the_api_result_has_the_same_summary(client, lang):
    url = submit(client)
    api = client.get(f"/api/v1/attempts/{attempt_id(url)}?lang={lang}").get_json()
    assert api["kind"] == "quiz" and api["time_taken_seconds"] >= 0
    assert [row["lesson_id"] for row in api["lessons"]] == ["second-lesson", "first-lesson"]
    assert api["lessons"][0]["mistakes"] == 3
    assert api["mistakes"] == list(MISTAKES)
    notes = {q["id"]: q["notes"] for q in api["questions"]}
    assert ORDERING_NOTE[lang] in notes["q-ordering"][0]
    assert notes["q-single"] == []
