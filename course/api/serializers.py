"""The JSON shapes of the API, built from the catalog and the database."""

from typing import Any

from course.accounts.token_models import ApiToken
from course.content.catalog import Catalog, Lesson, Question, Quiz
from course.content.question_types import QUESTION_TYPES
from course.progress.summary import CourseProgress
from course.quizzes.attempts import AttemptResult
from course.quizzes.forms import question_rng
from course.quizzes.models import Attempt
from course.quizzes.results import QuestionResult
from course.quizzes.status import QuizStatus
from course.timeutil import iso


def catalog_json(catalog: Catalog, lang: str) -> dict[str, Any]:
    return {
        "modules": [
            {
                "id": m.id,
                "title": m.title[lang],
                "description": m.description[lang],
                "lessons": [
                    {"id": lesson_id, "title": catalog.lessons[lesson_id].texts[lang].title}
                    for lesson_id in m.lesson_ids
                ],
                "quiz_id": m.quiz_id,
            }
            for m in catalog.modules.values()
        ],
        "final_exam_id": catalog.final_exam_id,
    }


def lesson_json(lesson: Lesson, lang: str) -> dict[str, Any]:
    text = lesson.texts[lang]
    return {
        "id": lesson.id,
        "module_id": lesson.module_id,
        "title": text.title,
        "objectives_html": [str(o) for o in text.objectives],
        "summary_html": str(text.summary),
        "body_html": str(text.body),
        "key_terms": list(lesson.key_terms),
    }


def quiz_json(quiz: Quiz, lang: str) -> dict[str, Any]:
    return {
        "id": quiz.id,
        "kind": quiz.kind,
        "module_id": quiz.module_id,
        "title": quiz.title[lang],
        "pass_mark": quiz.pass_mark,
        "question_count": quiz.draw or len(quiz.question_ids),
        "time_limit_minutes": quiz.time_limit_minutes,
    }


def question_json(question: Question, attempt: Attempt, lang: str) -> dict[str, Any]:
    """A question as the learner sees it before submitting: no key, no explanation."""
    question_type = QUESTION_TYPES[question.type]
    rng = question_rng(attempt.seed, question.id)
    return {
        "id": question.id,
        "type": question.type,
        "points": question.points,
        "prompt_html": str(question.prompt[lang]),
        **question_type.public_view(question.data, lang, rng),
    }


def attempt_json(attempt: Attempt, questions: list[Question], lang: str) -> dict[str, Any]:
    answers = {a.question_id: a.value for a in attempt.answers}
    return {
        "id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "submitted": attempt.is_submitted,
        "revision": attempt.revision,
        "deadline": iso(attempt.deadline_dt),
        "questions": [question_json(q, attempt, lang) for q in questions],
        "answers": answers,
        "flagged": list(attempt.flagged or ()),
    }


def result_json(
    attempt: Attempt, catalog: Catalog, lang: str, result: AttemptResult
) -> dict[str, Any]:
    """A submitted attempt with what its review shows now; a part held back is null."""
    review = result.review
    shows_score = review.shows("score")
    return {
        "id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "submitted": True,
        "submitted_at": iso(attempt.submitted_dt),
        "score": attempt.score if shows_score else None,
        "max_score": attempt.max_score,
        "percent": round(attempt.percent, 2) if shows_score else None,
        "passed": bool(attempt.is_passed) if shows_score else None,
        "late": attempt.is_late,
        "hidden": {part: iso(at) for part, at in review.hidden.items()},
        "held_back_questions": sorted(review.held_back),
        "questions": [_question_result_json(r, lang) for r in result.questions],
    }


def _question_result_json(result: QuestionResult, lang: str) -> dict[str, Any]:
    question, shows_key = result.question, result.key is not None
    return {
        "id": question.id,
        "status": result.status,
        "points": result.points,
        "max_points": question.points,
        "answer": result.value,
        "correct_answer": QUESTION_TYPES[question.type].key(question.data) if shows_key else None,
        "correct_answer_text": [str(line) for line in result.key] if shows_key else None,
        "explanation_html": str(question.explanation[lang]) if result.explained else None,
        "sources_html": str(question.sources_html[lang]) if result.explained else None,
    }


def progress_json(progress: CourseProgress) -> dict[str, Any]:
    return {
        "percent": round(progress.percent, 2),
        "modules": [
            {
                "id": m.module.id,
                "lessons_done": m.lessons_done,
                "lessons_total": len(m.lessons),
                "quiz": _quiz_status_json(m.quiz),
            }
            for m in progress.modules
        ],
        "final_exam": _quiz_status_json(progress.final_exam),
    }


def _quiz_status_json(status: QuizStatus | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {
        "id": status.quiz.id,
        "attempts": len(status.attempts),
        "best_percent": round(status.best.percent, 2) if status.best else None,
        "passed": status.is_passed,
    }


def token_json(row: ApiToken, token: str) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "token": token, "expires_at": iso(row.expires_dt)}
