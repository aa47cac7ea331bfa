"""Scoring of every question type: pure functions, no request or database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.content.loader import load_catalog
from course.content.question_types import QUESTION_TYPES
from course.quizzes.scoring import grade, score_answer
from tests.conftest import FIXTURE_CONTENT, LANGS

CATALOG = load_catalog(FIXTURE_CONTENT)
Q = CATALOG.questions


def score(question_id, answer):
    return score_answer(Q[question_id], answer)


def test_single_choice_all_or_nothing():
    assert score("q-single", "public") == 1
    assert score("q-single", "economic") == 0
    assert score("q-single", None) == 0


def test_true_false():
    assert score("q-truefalse", "false") == 1
    assert score("q-truefalse", "true") == 0


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (["cyber", "virtual"], 1.0),
        (["cyber"], 0.5),
        (["cyber", "gunboat"], 0.0),  # one right (+0.5), one of two distractors (-0.5)
        (["cyber", "virtual", "gunboat"], 0.5),
        (["cyber", "virtual", "gunboat", "shuttle"], 0.0),  # ticking everything earns nothing
        (["gunboat"], 0.0),
    ],
)
def test_multiple_select_partial_credit(picked, expected):
    assert score("q-multiple", picked) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("73,6", "vi", 1),
        ("73,6", "ru", 1),
        ("73.6", "en", 1),
        ("73.64", "en", 1),  # within the tolerance of 0.05
        ("73.7", "en", 0),
        ("74", "en", 0),
    ],
)
def test_numeric_in_the_learners_locale(text, lang, expected):
    assert score("q-numeric", {"text": text, "lang": lang}) == expected


def test_numeric_ambiguous_input_is_never_silently_zero():
    question_type = QUESTION_TYPES["numeric"]
    problem = question_type.problem(Q["q-numeric"].data, {"text": "73,6", "lang": "en"}, "en")
    assert problem is not None
    assert "73.6" in problem


def test_ordering_partial_credit_by_position():
    assert score("q-ordering", {"statecraft": "1", "singapore": "2", "indonesia": "3"}) == 1
    assert score("q-ordering", {"statecraft": "1", "singapore": "3", "indonesia": "2"}) == (
        pytest.approx(1 / 3, abs=1e-4)
    )
    assert score("q-ordering", {"statecraft": "3", "singapore": "1", "indonesia": "2"}) == 0


def test_ordering_rejects_a_position_given_twice():
    question_type = QUESTION_TYPES["ordering"]
    answer = {"statecraft": "1", "singapore": "1", "indonesia": "2"}
    assert question_type.problem(Q["q-ordering"].data, answer, "en")


def test_matching_partial_credit():
    assert score("q-matching", {"india": "first", "usa": "second"}) == 1
    assert score("q-matching", {"india": "first", "usa": "third"}) == 0.5
    assert score("q-matching", {"india": "third"}) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Zalo", 1), ("  zalo ", 1), ("ZALO.", 1), ("Зало", 1), ("Facebook", 0), ("", 0)],
)
def test_short_text_is_lenient_about_case_and_spacing(text, expected):
    assert score("q-text", text) == expected


def test_short_text_equates_yo_and_ye_and_can_ignore_diacritics():
    from course.content.question_types.text import normalize

    assert normalize("Ёлка", False) == normalize("елка", False)
    assert normalize("Ngoại giao số", True) == "ngoai giao so"
    assert normalize("Đà Nẵng", True) == "da nang"
    assert normalize("Ngoại giao số", False) != "ngoai giao so"


def test_grade_sums_points_and_percent():
    questions = [Q["q-single"], Q["q-multiple"]]
    result = grade(questions, {"q-single": "public", "q-multiple": ["cyber"]})
    assert result.score == 1.5
    assert result.max_score == 2
    assert result.percent == 75
    assert result.is_passed(75)
    assert not result.is_passed(76)


# Properties that hold for every question and any answer a learner could send.


def _answers_for(question):
    data = question.data
    if question.type == "single":
        return st.sampled_from([o.id for o in data["options"]] + ["forged"])
    if question.type == "true_false":
        return st.sampled_from(["true", "false", "maybe"])
    if question.type == "multiple":
        return st.lists(st.sampled_from([o.id for o in data["options"]] + ["forged"]))
    if question.type == "numeric":
        return st.builds(
            lambda text, lang: {"text": text, "lang": lang},
            st.text(max_size=12),
            st.sampled_from(LANGS),
        )
    if question.type in ("ordering", "matching"):
        rows = [r.id for r in data.get("items") or data["prompts"]]
        values = [str(n) for n in range(1, 6)] + [c.id for c in data.get("choices", ())]
        return st.dictionaries(st.sampled_from(rows), st.sampled_from(values))
    return st.text(max_size=30)


@pytest.mark.parametrize("question_id", sorted(Q))
@given(data=st.data())
def test_score_is_always_within_zero_and_max(question_id, data):
    question = Q[question_id]
    answer = data.draw(_answers_for(question))
    assert 0 <= score_answer(question, answer) <= question.points


@pytest.mark.parametrize("question_id", sorted(Q))
def test_the_key_scores_full_marks_and_no_answer_scores_zero(question_id):
    question = Q[question_id]
    key = QUESTION_TYPES[question.type].key(question.data)
    assert score_answer(question, key) == question.points
    assert score_answer(question, None) == 0
    empty = {"multiple": [], "ordering": {}, "matching": {}, "numeric": {"text": "", "lang": "en"}}
    assert score_answer(question, empty.get(question.type, "")) == 0


def test_an_exam_never_draws_two_overlapping_questions():
    import random
    from dataclasses import replace

    from course.quizzes.attempts import draw_questions

    pool = [replace(Q["q-single"], overlaps=frozenset({"q-text"})), Q["q-text"], Q["q-numeric"]]
    for seed in range(30):
        drawn = draw_questions(pool, 3, random.Random(seed))
        assert not {"q-single", "q-text"} <= set(drawn)
        assert len(drawn) == 2


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-inf"])
def test_not_a_number_is_explained_not_scored(text):
    question_type = QUESTION_TYPES["numeric"]
    answer = {"text": text, "lang": "en"}
    assert score("q-numeric", answer) == 0
    assert question_type.problem(Q["q-numeric"].data, answer, "en") is not None
