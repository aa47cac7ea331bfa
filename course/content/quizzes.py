"""Quiz files: a module quiz with its questions, or an exam drawn from the others."""

from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from course.content.catalog import Lesson, Module, Question, Quiz
from course.content.paging import DEFAULT_PER_PAGE, is_per_page, per_page_of
from course.content.problems import Report
from course.content.question_types import QUESTION_TYPES, ParseContext
from course.content.review_options import (
    ASSIGNMENT_REVIEW,
    EXAM_REVIEW,
    PRACTICE_REVIEW,
    PRACTICE_TIMES,
    REVIEW_TIMES,
    ReviewOptions,
)
from course.content.yamlnode import Node, parse_yaml

if TYPE_CHECKING:
    from course.content.loader import ContentLoader

QUIZ_KINDS = ("practice", "exam")


def load_quizzes(
    loader: "ContentLoader",
    modules: dict[str, Module],
    lessons: dict[str, Lesson],
    final_exam_id: str | None,
) -> tuple[dict[str, Quiz], dict[str, Question]]:
    quizzes: dict[str, Quiz] = {}
    questions: dict[str, Question] = {}
    folder = loader.root / "quizzes"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for file in files:
        node = loader.root_node(file)
        if node is None:
            continue
        quiz = _load_quiz(loader, node, quizzes, questions, modules, lessons)
        if quiz:
            quizzes[quiz.id] = quiz
    _check_references(loader, quizzes, modules, final_exam_id)
    _check_overlaps(loader, questions)
    return quizzes, questions


def _load_quiz(loader, node: Node, quizzes, questions, modules, lessons) -> Quiz | None:
    quiz_id = loader.check_id(node, quizzes, "quiz")
    if quiz_id and quiz_id != node.file.stem:
        node.problem(f"'id' must be '{node.file.stem}', the file's name", "id")
    kind = node.require("kind", str)
    if kind and kind not in QUIZ_KINDS:
        node.problem(f"unknown quiz kind '{kind}': use {' or '.join(QUIZ_KINDS)}", "kind")
    title = node.localized("title")
    pass_mark = node.require("pass_mark", (int, float))
    if pass_mark is not None and not 0 < pass_mark <= 100:
        node.problem("'pass_mark' is a percentage between 1 and 100", "pass_mark")
    module_id = node.get("module", str)
    if module_id and module_id not in modules:
        node.problem(f"unknown module '{module_id}'", "module")
    draw = node.get("draw", int)
    time_limit = node.get("time_limit_minutes", int)
    if time_limit is not None and time_limit <= 0:
        node.problem("'time_limit_minutes' must be positive", "time_limit_minutes")
    per_page = node.data.get("per_page", DEFAULT_PER_PAGE)
    if not is_per_page(per_page):
        node.problem("'per_page' must be 1, 5 or all", "per_page")
        per_page = DEFAULT_PER_PAGE
    review = _review_options(node, "review", EXAM_REVIEW if kind == "exam" else PRACTICE_REVIEW)
    assignment_review = _review_options(node, "assignment_review", ASSIGNMENT_REVIEW)
    draw_from = _draw_from(node) if draw else ()
    question_ids = _load_questions(loader, node, quiz_id, module_id, questions, lessons)
    if not draw and not question_ids and not node.has("questions"):
        node.problem("a quiz needs 'questions', or 'draw' and 'from'")
    if None in (quiz_id, kind, title, pass_mark):
        return None
    return Quiz(
        quiz_id,
        kind,
        module_id,
        title,
        pass_mark,
        question_ids,
        draw,
        draw_from,
        time_limit,
        review,
        assignment_review,
        per_page_of(per_page),
    )


def _review_options(node: Node, key: str, default: ReviewOptions) -> ReviewOptions:
    """`review` (outside an assignment: shown or not) or `assignment_review` (with dates)."""
    given = node.get(key, dict, {})
    allowed = PRACTICE_TIMES if key == "review" else REVIEW_TIMES
    options = {}
    for part, when in given.items():
        if part not in ReviewOptions.parts():
            node.problem(
                f"'{key}' has no part '{part}': use {', '.join(ReviewOptions.parts())}", key
            )
        elif when not in allowed:
            node.problem(f"'{key}.{part}' must be one of {', '.join(allowed)}", key)
        else:
            options[part] = when
    return replace(default, **options)


def _draw_from(node: Node) -> tuple[str, ...]:
    value = node.data.get("from", "all")
    if value == "all":
        return ("all",)
    return node.string_list("from")


def _load_questions(loader, quiz: Node, quiz_id, module_id, questions, lessons) -> tuple[str, ...]:
    ids: list[str] = []
    for node in quiz.children("questions", required=False):
        question = _load_question(loader, node, quiz_id or "", questions, lessons)
        if question is None:
            continue
        lesson = lessons.get(question.lesson_id)
        if lesson and module_id and lesson.module_id != module_id:
            node.problem(f"lesson '{question.lesson_id}' is not in module '{module_id}'", "lesson")
        questions[question.id] = question
        ids.append(question.id)
    return tuple(ids)


def _load_question(loader, node: Node, quiz_id: str, questions, lessons) -> Question | None:
    question_id = loader.check_id(node, questions, "question")
    type_name = node.require("type", str)
    question_type = QUESTION_TYPES.get(type_name or "")
    if type_name and question_type is None:
        known = ", ".join(QUESTION_TYPES)
        node.problem(f"unknown question type '{type_name}' (known types: {known})", "type")
    lesson_id = node.require("lesson", str)
    if lesson_id and lesson_id not in lessons:
        node.problem(f"unknown lesson '{lesson_id}'", "lesson")
    points = node.get("points", (int, float), 1)
    if points <= 0:
        node.problem("'points' must be positive", "points")
    citations = loader.citation_list(node)
    if not node.has("cite"):
        node.problem("missing field 'cite'")
    prompt = loader.render_localized(node, "prompt")
    explanation = loader.render_localized(node, "explanation")
    data = question_type.parse(node, ParseContext(loader)) if question_type else None
    if None in (question_id, lesson_id, prompt, explanation, data) or not citations:
        return None
    return Question(
        question_id,
        type_name,
        quiz_id,
        lesson_id,
        float(points),
        citations,
        loader.render_citations(citations),
        prompt,
        explanation,
        MappingProxyType(data),
        frozenset(node.string_list("overlaps", required=False)),
    )


def _check_overlaps(loader, questions: dict[str, Question]) -> None:
    # A question with problems of its own is not loaded, but it is not unknown either.
    known = set(questions) | _written_question_ids(loader)
    for question in questions.values():
        for other in sorted(question.overlaps - known):
            file = loader.root / "quizzes" / f"{question.quiz_id}.yaml"
            loader.report.add(file, 1, f"question '{question.id}' overlaps unknown '{other}'")


def _written_question_ids(loader) -> set[str]:
    """The IDs written in the quiz files, whether or not their questions loaded."""
    ids: set[str] = set()
    for file in sorted((loader.root / "quizzes").glob("*.yaml")):
        data = parse_yaml(file.read_text(encoding="utf-8"), file, Report(loader.root))
        entries = data.get("questions") if isinstance(data, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids.add(entry["id"])
    return ids


def _check_references(loader, quizzes: dict[str, Quiz], modules, final_exam_id) -> None:
    course_file = loader.lessons_dir / "course.yaml"
    for module in modules.values():
        if module.quiz_id and module.quiz_id not in quizzes:
            module_file = loader.lessons_dir / module.id / "module.yaml"
            loader.report.add(module_file, 1, f"unknown quiz '{module.quiz_id}'")
    if final_exam_id and final_exam_id not in quizzes:
        loader.report.add(course_file, 1, f"unknown final exam '{final_exam_id}'")
    for quiz in quizzes.values():
        for source_id in quiz.draw_from:
            if source_id != "all" and source_id not in quizzes:
                loader.report.add(
                    loader.root / "quizzes" / f"{quiz.id}.yaml", 1, f"unknown quiz '{source_id}'"
                )
