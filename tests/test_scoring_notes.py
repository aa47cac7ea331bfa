"""How an answer was scored, in words: each type's rule for partial credit applied to an answer,
in each language, with its numbers in that language's style."""

import pytest
from flask_babel import force_locale

from course.content.loader import load_catalog
from course.content.question_types import QUESTION_TYPES, Choice
from course.quizzes.scoring import score_answer
from tests.cloze_content import add_cloze
from tests.conftest import FIXTURE_CONTENT, LANGS

MULTIPLE = QUESTION_TYPES["multiple"]
# The example: three right options and one distractor.
THREE_RIGHT = {
    "options": tuple(Choice(i, {"en": i, "vi": i, "ru": i}) for i in ("a", "b", "c", "wrong")),
    "answer": frozenset({"a", "b", "c"}),
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_CONTENT)


def notes(app, question_type, data, answer, lang):
    with app.test_request_context(), force_locale(lang):
        return QUESTION_TYPES[question_type].scoring_notes(data, answer, lang)


EXAMPLE = {
    "en": [
        "Right options picked: 2 of 3, each +1/3: +2/3.",
        "Wrong options picked: 1 of 1, each −1: −1.",
        "2/3 − 1 is below 0, and a score is never below 0: no points.",
    ],
    "vi": [
        "Phương án đúng đã chọn: 2 trên 3, mỗi phương án +1/3: +2/3.",
        "Phương án sai đã chọn: 1 trên 1, mỗi phương án −1: −1.",
        "2/3 − 1 nhỏ hơn 0, mà điểm không bao giờ dưới 0: 0 điểm.",
    ],
    "ru": [
        "Выбрано верных вариантов: 2 из 3, по +1/3: +2/3.",
        "Выбрано неверных вариантов: 1 из 1, по −1: −1.",
        "2/3 − 1 меньше 0, а оценка не бывает ниже 0: 0 баллов.",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_two_of_three_right_picks_and_the_only_distractor_score_nothing(app, lang):
    answer = ["a", "b", "wrong"]
    assert MULTIPLE.score(THREE_RIGHT, answer) == 0
    assert notes(app, "multiple", THREE_RIGHT, answer, lang) == EXAMPLE[lang]


TOGETHER = {
    "en": "Together: 1/4 of the question's points (25%).",
    "vi": "Tổng cộng: 1/4 số điểm của câu hỏi (25%).",
    "ru": "Итого: 1/4 от баллов за вопрос (25\xa0%).",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_pick_takes_away_its_share_of_the_distractors(app, catalog, lang):
    question = catalog.questions["q-multiple"]  # 2 right options of 4
    answer = ["cyber", "virtual", "gunboat"]  # both right ones, and one of the two wrong ones
    said = notes(app, "multiple", question.data, answer, lang)
    assert score_answer(question, answer) == 0.5
    assert "−1/2" in said[1]
    assert said[2] == TOGETHER[lang].replace("1/4", "1/2").replace("25", "50")


def test_full_marks_and_no_answer_need_no_notes(app, catalog):
    for question in catalog.questions.values():
        key = QUESTION_TYPES[question.type].key(question.data)
        assert notes(app, question.type, question.data, key, "en") == [], question.type
        assert notes(app, question.type, question.data, None, "en") == [], question.type


ORDERING = {
    "en": "Items in their right place: 1 of 3, each +1/3: 1/3 of the question's points (33.3%).",
    "vi": "Mục đúng vị trí: 1 trên 3, mỗi phần đúng +1/3: 1/3 số điểm của câu hỏi (33,3%).",
    "ru": "На своём месте: 1 из 3, по +1/3: 1/3 от баллов за вопрос (33,3\xa0%).",
}


@pytest.mark.parametrize("lang", LANGS)
def test_ordering_counts_the_items_in_their_right_place(app, catalog, lang):
    question = catalog.questions["q-ordering"]  # statecraft, singapore, indonesia
    answer = {"statecraft": "1", "singapore": "3", "indonesia": "2"}
    assert score_answer(question, answer) == pytest.approx(1 / 3, abs=1e-4)
    assert notes(app, "ordering", question.data, answer, lang) == [ORDERING[lang]]


MATCHING = {
    "en": "Pairs matched right: 1 of 2, each +1/2: 1/2 of the question's points (50%).",
    "vi": "Cặp ghép đúng: 1 trên 2, mỗi phần đúng +1/2: 1/2 số điểm của câu hỏi (50%).",
    "ru": "Верно сопоставлено: 1 из 2, по +1/2: 1/2 от баллов за вопрос (50\xa0%).",
}


@pytest.mark.parametrize("lang", LANGS)
def test_matching_counts_the_pairs_matched_right(app, catalog, lang):
    question = catalog.questions["q-matching"]
    answer = {"india": "first", "usa": "third"}
    assert notes(app, "matching", question.data, answer, lang) == [MATCHING[lang]]


def test_a_prompt_left_unmatched_counts_as_not_right(app, catalog):
    question = catalog.questions["q-matching"]
    assert notes(app, "matching", question.data, {"india": "second"}, "en") == [
        "Pairs matched right: 0 of 2, each +1/2: no points."
    ]


CLOZE = {
    "en": "Blanks filled in right: 2 of 3, each +1/3: 2/3 of the question's points (66.7%).",
    "vi": "Chỗ trống điền đúng: 2 trên 3, mỗi phần đúng +1/3: 2/3 số điểm của câu hỏi (66,7%).",
    "ru": "Пропусков заполнено верно: 2 из 3, по +1/3: 2/3 от баллов за вопрос (66,7\xa0%).",
}


@pytest.mark.parametrize("lang", LANGS)
def test_cloze_counts_the_blanks_filled_in_right(app, content_copy, lang):
    question = load_catalog(add_cloze(content_copy)).questions["q-cloze"]
    whom = {"en": "the press office", "vi": "Vụ Thông tin Báo chí", "ru": "пресс-служба"}
    answer = {"year": "2019", "tool": "fax", "whom": whom[lang]}
    said = notes(app, "cloze", question.data, answer, lang)
    assert said[0] == CLOZE[lang]
