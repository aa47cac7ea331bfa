"""Fill in the blanks: its content checks with file and line, scoring per gap, its words and API."""

import random
from pathlib import Path

import pytest

from course.content.loader import load_catalog
from course.content.problems import ContentError
from course.content.question_types import QUESTION_TYPES
from course.paths import PROJECT_ROOT
from course.quizzes.scoring import score_answer
from tests.cloze_content import QUIZ, add_cloze
from tests.conftest import close_app, csrf_token, make_app

CLOZE = QUESTION_TYPES["cloze"]


@pytest.fixture
def cloze_root(content_copy):
    return add_cloze(content_copy)


@pytest.fixture
def question(cloze_root):
    return load_catalog(cloze_root).questions["q-cloze"]


def edit(root: Path, old: str, new: str) -> None:
    path = root / QUIZ
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, needle: str, after: str = "id: q-cloze") -> int:
    lines = (root / QUIZ).read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if needle in line)


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(root)
    return [str(p) for p in caught.value.problems]


def test_the_passage_is_split_into_text_and_gaps_in_each_languages_order(question):
    passage = question.data["passage"]
    assert [gap.id for _text, gap in passage["en"] if gap] == ["year", "tool", "whom"]
    assert [gap.id for _text, gap in passage["ru"] if gap] == ["tool", "year", "whom"]
    html = "".join(str(text) + (f"[{gap.id}]" if gap else "") for text, gap in passage["en"])
    assert html.startswith("In [year] the ministry opened a page on [tool], run by <em>[whom]</em>")
    assert 'class="cite"' in html


EN, VI = 'en: "In', 'vi: "Năm'


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ('en: "In [[year]]', EN, EN, "'text' (en) has no marker [[year]]"),
        ("Năm [[year]],", "Năm [[year]], [[year]]", VI, "'text' (vi): marker [[year]] appears 2"),
        ("quản lý", "quản lý [[extra]]", VI, "'text' (vi): marker [[extra]] names no gap"),
        ("kind: choice", "kind: dropdown", "kind: dropdown", "unknown gap kind 'dropdown'"),
        ("- id: whom", "- id: tool", ("- id: tool", "answer: zalo"), "duplicate gap ID 'tool'"),
        ("ru: [пресс-служба]", "", "{en: [the press", "'accept' needs a list of answers in 'ru'"),
        ("answer: zalo", "answer: telex", "answer: telex", "answer 'telex' names no option"),
        ("*[[whom]]*", "[[[whom]]](https://example.org)", EN, "[[whom]] cannot be in a link"),
        ("*[[whom]]*", "[see [[whom]]](https://example.org)", EN, "cannot be in a link or code"),
        ("*[[whom]]*", "`[[whom]]`", EN, "marker [[whom]] cannot be in a link or code"),
    ],
)
def test_each_content_problem_is_reported_with_its_line(cloze_root, old, new, where, message):
    edit(cloze_root, old, new)
    line = line_of(cloze_root, *where) if isinstance(where, tuple) else line_of(cloze_root, where)
    found = problems(cloze_root)
    assert any(p.startswith(f"{QUIZ}:{line}: ") and message in p for p in found), found


def test_a_gap_with_no_marker_in_any_language_is_reported_on_the_gap(cloze_root):
    for marker in ("*[[whom]]*", " do [[whom]] quản lý", "; ведёт её [[whom]]"):
        edit(cloze_root, marker, "")
    line = line_of(cloze_root, "- id: whom")
    assert f"{QUIZ}:{line}: gap 'whom' has no marker [[whom]] in 'text'" in problems(cloze_root)


def test_markdown_and_html_in_the_passage_are_sanitized(cloze_root):
    edit(cloze_root, "the ministry", "<script>alert(1)</script> the **ministry**")
    catalog = load_catalog(cloze_root)
    html = "".join(str(text) for text, _gap in catalog.questions["q-cloze"].data["passage"]["en"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>ministry</strong>" in html


def fraction(question, answer) -> float:
    return CLOZE.score(question.data, answer)


def test_each_gap_earns_an_equal_share(question):
    assert fraction(question, {"year": "2019", "tool": "zalo", "whom": "The Press Office"}) == 1
    assert fraction(question, {"year": "2019", "tool": "zalo"}) == pytest.approx(2 / 3)
    assert fraction(question, {"year": "2019", "tool": "fax"}) == pytest.approx(1 / 3)
    assert fraction(question, {"tool": "radio"}) == 0
    assert fraction(question, None) == 0


def test_text_gaps_follow_the_short_text_rules(question):
    def whom(text: str) -> bool:
        return fraction(question, {"whom": text}) > 0

    assert whom("  vu thong tin bao chi. ")  # diacritics ignored for this gap
    assert whom("пресс-служба")
    assert whom("ПРЕСС-СЛУЖБА!")
    assert not whom("the press")


def test_yo_counts_as_ye_in_a_text_gap(cloze_root):
    edit(cloze_root, "ru: [пресс-служба]", "ru: [пресс-служба, её отдел]")
    question = load_catalog(cloze_root).questions["q-cloze"]
    assert fraction(question, {"whom": "ее отдел"}) == pytest.approx(1 / 3)


def test_diacritics_count_unless_the_gap_ignores_them(cloze_root):
    edit(cloze_root, 'vi: ["2019"]', 'vi: ["2019", "năm"]')
    question = load_catalog(cloze_root).questions["q-cloze"]
    assert fraction(question, {"year": "năm"}) == pytest.approx(1 / 3)
    assert fraction(question, {"year": "nam"}) == 0


@pytest.mark.parametrize(
    "answer", ["2019", ["zalo"], {"tool": ["zalo"]}, {"year": 2019}, {"nope": "x"}, {}]
)
def test_odd_stored_answers_score_nothing_and_never_fail(question, answer):
    assert score_answer(question, answer) == 0
    assert CLOZE.describe(question.data, answer, "en") == ["1. —", "2. —", "3. —"]


def test_the_result_lines_number_the_gaps_in_the_learners_language(question):
    answer = {"year": "2020", "tool": "zalo"}
    assert CLOZE.describe(question.data, answer, "en") == ["1. 2020", "2. Zalo", "3. —"]
    assert CLOZE.describe(question.data, answer, "ru") == ["1. Zalo", "2. 2020", "3. —"]
    assert CLOZE.describe_key(question.data, "ru") == ["1. Zalo", "2. 2019", "3. пресс-служба"]
    assert CLOZE.key(question.data) == {"year": "2019", "tool": "zalo", "whom": "the press office"}


def choice_gap(question, lang: str, seed: int) -> list[str]:
    """The IDs of the choice gap's options in the public view."""
    view = CLOZE.public_view(question.data, lang, random.Random(seed))
    return [o["id"] for p in view["passage"] if p.get("kind") == "choice" for o in p["options"]]


def test_the_public_view_shows_the_passage_and_no_key(question):
    view = CLOZE.public_view(question.data, "vi", random.Random(1))
    gaps = [part for part in view["passage"] if "gap" in part]
    assert [g["gap"] for g in gaps] == ["year", "tool", "whom"]
    assert gaps[0] == {"gap": "year", "kind": "text", "max_length": 200}
    assert sorted(o["id"] for o in gaps[1]["options"]) == ["fax", "radio", "zalo"]
    assert "2019" not in str(view) and "answer" not in str(view) and "accept" not in str(view)
    orders = {tuple(choice_gap(question, "en", seed)) for seed in range(10)}
    assert len(orders) > 1  # shuffled with the attempt's generator


def test_choice_options_are_in_the_same_order_in_every_language(question):
    assert (
        choice_gap(question, "en", 7)
        == choice_gap(question, "ru", 7)
        == choice_gap(question, "vi", 7)
    )


def test_the_answer_schema_is_keyed_by_gap(question):
    schema = CLOZE.answer_schema(question.data)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["year"]["type"] == "string"
    assert schema["properties"]["year"]["maxLength"] == 200
    assert schema["properties"]["tool"]["enum"] == ["zalo", "fax", "radio"]


def test_item_analysis_counts_the_choice_gaps_options(question):
    options = CLOZE.analysis_options(question.data)
    assert [o.id for o in options] == ["tool:zalo", "tool:fax", "tool:radio"]
    assert options[1].text["en"] == "2. fax"
    assert options[1].text["ru"] == "1. факс"
    assert CLOZE.options_chosen(question.data, {"year": "2019", "tool": "fax"}) == ("tool:fax",)
    assert CLOZE.options_chosen(question.data, None) == ()
    assert CLOZE.key_options(question.data) == frozenset({"tool:zalo"})


@pytest.mark.parametrize("seed", range(20))
def test_the_benchmarks_sample_answers(question, seed):
    right = CLOZE.sample_answer(question.data, random.Random(seed), correct=True)
    wrong = CLOZE.sample_answer(question.data, random.Random(seed), correct=False)
    assert score_answer(question, right) == 1
    assert score_answer(question, wrong) < 1


@pytest.mark.parametrize("correct", [True, False])
def test_the_benchmarks_form_fields_post_the_answer_they_stand_for(question, correct):
    from werkzeug.datastructures import MultiDict

    answer = CLOZE.sample_answer(question.data, random.Random(5), correct)
    form = MultiDict([("a" + suffix, v) for suffix, v in CLOZE.form_fields(question.data, answer)])
    assert (
        CLOZE.read(question.data, CLOZE.posted_from_form(question.data, form, "a"), "en") == answer
    )


def test_the_courses_own_cloze_questions_load():
    questions = load_catalog(PROJECT_ROOT).questions.values()
    clozes = [q for q in questions if q.type == "cloze"]
    assert len(clozes) >= 6
    for q in clozes:
        key = CLOZE.key(q.data)
        assert score_answer(q, key) == q.points
        for lang in ("vi", "ru", "en"):
            assert len(CLOZE.describe_key(q.data, lang)) == len(q.data["gaps"])


def test_the_courses_cloze_questions_are_a_practice_quiz_of_their_own():
    catalog = load_catalog(PROJECT_ROOT)
    quiz = catalog.quizzes["recall-practice"]
    assert quiz.module_id is None and not quiz.is_exam
    assert all(catalog.questions[q].type == "cloze" for q in quiz.question_ids)
    assert catalog.extra_quizzes() == [quiz]
    exam = catalog.quizzes[catalog.final_exam_id]
    assert not set(quiz.question_ids) & {q.id for q in catalog.question_pool(exam)}


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "More practice"), ("vi", "Luyện tập thêm"), ("ru", "Дополнительная практика")],
)
def test_the_course_page_links_the_practice_quizzes_of_no_module(tmp_path, lang, heading):
    app = make_app(tmp_path, content_dir=PROJECT_ROOT)
    client = app.test_client()
    page = client.get(f"/{lang}/").get_data(as_text=True)
    assert heading in page and f'href="/{lang}/quizzes/recall-practice"' in page
    quiz = client.get(f"/{lang}/quizzes/recall-practice").get_data(as_text=True)
    started = client.post(
        f"/{lang}/quizzes/recall-practice/attempts", data={"csrf_token": csrf_token(quiz)}
    )
    attempt = client.get(started.headers["Location"]).get_data(as_text=True)
    second = client.get(started.headers["Location"] + "?page=2").get_data(as_text=True)
    # Five questions a page (the default): all nine passages over two pages.
    assert (attempt.count('class="cloze"'), second.count('class="cloze"')) == (5, 4)
    close_app(app)
