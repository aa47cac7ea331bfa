"""`flask content check`: every kind of content error is reported with its file and line."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from course import create_app
from course.content.loader import load_catalog
from course.content.problems import ContentError

QUIZ = "quizzes/demo-quiz.yaml"
LESSON_EN = "lessons/demo/first-lesson.en.md"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relative: str, needle: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalog(root)
    return [str(p) for p in caught.value.problems]


def test_fixture_content_is_valid(content_copy):
    catalog = load_catalog(content_copy)
    assert len(catalog.questions) == 7


def test_missing_language_of_a_field(content_copy):
    edit(content_copy, QUIZ, "vi: Câu hỏi một lựa chọn, ", "")
    line = line_of(content_copy, QUIZ, "prompt: {en: Single prompt EN")
    assert f"{QUIZ}:{line}: 'prompt' is missing its 'vi' translation" in problems(content_copy)


def test_missing_translation_of_an_option(content_copy):
    edit(content_copy, QUIZ, "ru: экономическая дипломатия", "ru: ''")
    line = line_of(content_copy, QUIZ, "text: {en: economic diplomacy")
    assert f"{QUIZ}:{line}: 'text' is missing its 'ru' translation" in problems(content_copy)


def test_missing_lesson_language_file(content_copy):
    (content_copy / "lessons/demo/second-lesson.ru.md").unlink()
    found = problems(content_copy)
    assert any("lessons/demo/module.yaml" in p and "second-lesson.ru.md" in p for p in found)


def test_missing_field_in_lesson_front_matter(content_copy):
    edit(content_copy, LESSON_EN, "summary: ", "résumé: ")
    assert f"{LESSON_EN}:1: missing field 'summary'" in problems(content_copy)


def test_duplicate_question_id(content_copy):
    edit(content_copy, QUIZ, "id: q-multiple", "id: q-single")
    line = line_of(content_copy, QUIZ, "type: multiple") - 1
    assert f"{QUIZ}:{line}: duplicate question ID 'q-single'" in problems(content_copy)


def test_dangling_lesson_id(content_copy):
    edit(content_copy, QUIZ, "lesson: first-lesson", "lesson: no-such-lesson")
    line = line_of(content_copy, QUIZ, "lesson: no-such-lesson")
    assert f"{QUIZ}:{line}: unknown lesson 'no-such-lesson'" in problems(content_copy)


def test_dangling_quiz_id_in_module(content_copy):
    edit(content_copy, "lessons/demo/module.yaml", "quiz: demo-quiz", "quiz: lost-quiz")
    assert "lessons/demo/module.yaml:1: unknown quiz 'lost-quiz'" in problems(content_copy)


def test_answer_key_naming_no_option(content_copy):
    edit(content_copy, QUIZ, "answer: public", "answer: private")
    line = line_of(content_copy, QUIZ, "answer: private")
    assert f"{QUIZ}:{line}: answer 'private' names no option" in problems(content_copy)


def test_matching_key_naming_no_choice(content_copy):
    edit(content_copy, QUIZ, "usa: second}", "usa: tenth}")
    assert any("names no choice 'tenth'" in p for p in problems(content_copy))


def test_unknown_question_type(content_copy):
    edit(content_copy, QUIZ, "type: true_false", "type: essay")
    line = line_of(content_copy, QUIZ, "type: essay")
    expected = f"{QUIZ}:{line}: unknown question type 'essay'"
    assert any(p.startswith(expected) for p in problems(content_copy))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[vi ¶6; ru ¶26–27]", "[vi ¶6; ru ¶99]", "citation of ru ¶99: that article has"),
        ("[vi ¶6; ru ¶26–27]", "[xx ¶6]", "citation of unknown source 'xx'"),
    ],
)
def test_citation_to_a_paragraph_that_does_not_exist(content_copy, old, new, message):
    edit(content_copy, LESSON_EN, old, new)
    line = line_of(content_copy, LESSON_EN, new)
    assert any(p.startswith(f"{LESSON_EN}:{line}: (en) {message}") for p in problems(content_copy))


def test_citation_in_a_question_field(content_copy):
    edit(content_copy, QUIZ, "cite: [vi ¶12]", "cite: [vi ¶40]")
    line = line_of(content_copy, QUIZ, "cite: [vi ¶40]")
    assert any(p.startswith(f"{QUIZ}:{line}: citation of vi ¶40") for p in problems(content_copy))


def test_markdown_that_fails_to_render(content_copy):
    edit(content_copy, LESSON_EN, "\n:::\n", "\n")
    assert any(
        LESSON_EN in p and "'::: note' block is not closed" in p for p in problems(content_copy)
    )


def test_unknown_glossary_term_link(content_copy):
    edit(content_copy, LESSON_EN, "term:soft-power", "term:hard-power")
    line = line_of(content_copy, LESSON_EN, "term:hard-power")
    expected = f"{LESSON_EN}:{line}: (en) unknown glossary term 'term:hard-power'"
    assert expected in problems(content_copy)


def test_unreadable_yaml_reports_its_line(content_copy):
    edit(content_copy, QUIZ, "pass_mark: 60", "pass_mark: [60")
    assert any(p.startswith(f"{QUIZ}:") and "unreadable YAML" in p for p in problems(content_copy))


def test_every_problem_is_reported_at_once(content_copy):
    edit(content_copy, QUIZ, "answer: public", "answer: private")
    edit(content_copy, QUIZ, "type: true_false", "type: essay")
    assert len(problems(content_copy)) >= 2


def test_app_refuses_to_start_on_invalid_content(content_copy, tmp_path):
    edit(content_copy, QUIZ, "answer: public", "answer: private")
    with pytest.raises(ContentError, match="names no option"):
        create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "CONTENT_DIR": str(content_copy),
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
            }
        )


def _content_check(root: Path) -> subprocess.CompletedProcess:
    flask = Path(sys.executable).with_name("flask")
    return subprocess.run(  # noqa: S603
        [str(flask), "--app", "course", "content", "check"],
        env={"COURSE_CONTENT_DIR": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_content_check_command_reports_file_and_line(content_copy):
    edit(content_copy, QUIZ, "answer: public", "answer: private")
    result = _content_check(content_copy)
    assert result.returncode == 1
    assert re.search(rf"{QUIZ}:\d+: answer 'private' names no option", result.stderr)


def test_content_check_command_passes_on_valid_content(content_copy):
    result = _content_check(content_copy)
    assert result.returncode == 0, result.stderr
    assert "Content OK" in result.stdout
