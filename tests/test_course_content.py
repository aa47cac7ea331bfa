"""The real course in lessons/ and quizzes/: complete in every language, cited, and covered."""

from collections import Counter

import pytest

from course.content.loader import load_catalog
from course.content.question_types import QUESTION_TYPES
from course.paths import PROJECT_ROOT
from tests.conftest import LANGS

CATALOG = load_catalog(PROJECT_ROOT)
LESSON_IDS = sorted(CATALOG.lessons)


def test_course_has_at_least_eight_lessons_in_four_modules():
    assert len(CATALOG.modules) >= 4
    assert len(CATALOG.lessons) >= 8


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_each_lesson_has_its_parts_in_every_language(lesson_id, lang):
    text = CATALOG.lessons[lesson_id].texts[lang]
    assert text.title.strip()
    assert len(text.objectives) >= 2
    assert CATALOG.lessons[lesson_id].key_terms
    assert text.summary.striptags()
    assert 'class="cite"' in text.body


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_lesson_body_length(lesson_id, lang):
    assert 600 <= CATALOG.lessons[lesson_id].texts[lang].word_count <= 1300


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_each_lesson_has_at_least_twelve_questions(lesson_id):
    questions = [q for q in CATALOG.questions.values() if q.lesson_id == lesson_id]
    assert len(questions) >= 12


def test_question_bank_uses_every_type_and_has_over_a_hundred_questions():
    assert len(CATALOG.questions) >= 100
    used = Counter(q.type for q in CATALOG.questions.values())
    assert set(used) == set(QUESTION_TYPES)


@pytest.mark.parametrize("question_id", sorted(CATALOG.questions))
def test_every_question_has_prompt_explanation_and_citation_in_each_language(question_id):
    question = CATALOG.questions[question_id]
    assert question.citations
    for lang in LANGS:
        assert question.prompt[lang].striptags()
        assert question.explanation[lang].striptags()
        assert question.sources_html[lang]


def test_every_content_paragraph_of_both_articles_is_cited_by_a_lesson():
    cited = set().union(*(lesson.citations for lesson in CATALOG.lessons.values()))
    missing = [
        f"{source.id} ¶{n}"
        for source in CATALOG.sources.values()
        for n in source.content_paragraphs()
        if (source.id, n) not in {(c.source_id, c.paragraph) for c in cited}
    ]
    assert not missing


def test_glossary_and_timeline_are_complete():
    assert len(CATALOG.glossary) >= 25
    assert len(CATALOG.timeline) >= 10


def test_every_module_ends_with_a_quiz_and_there_is_a_final_exam():
    for module in CATALOG.modules.values():
        assert module.quiz_id in CATALOG.quizzes
    exam = CATALOG.quizzes[CATALOG.final_exam_id]
    assert exam.is_exam
    assert exam.draw >= 20
    assert len(CATALOG.question_pool(exam)) >= exam.draw


@pytest.fixture(scope="module")
def course_client(tmp_path_factory):
    from tests.conftest import close_app, make_app

    app = make_app(tmp_path_factory.mktemp("course"), content_dir=PROJECT_ROOT)
    yield app.test_client()
    close_app(app)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_real_course_renders(course_client, lang):
    pages = [f"/{lang}/", f"/{lang}/glossary", f"/{lang}/timeline", f"/{lang}/sources"]
    pages += [f"/{lang}/modules/{m}" for m in CATALOG.modules]
    pages += [f"/{lang}/lessons/{lesson}" for lesson in CATALOG.lessons]
    pages += [f"/{lang}/quizzes/{q}" for q in CATALOG.quizzes]
    for page in pages:
        response = course_client.get(page)
        assert response.status_code == 200, page
