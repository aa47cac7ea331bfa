"""The attempt page's form: its questions, each shown by its type, and the revision it shows."""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField

from course.content.catalog import Question
from course.content.question_types import QUESTION_TYPES, QuestionType
from course.quizzes.attempts import Reading
from course.quizzes.models import Attempt

FIELD_PREFIX = "answer-"


class AttemptForm(FlaskForm):
    """CSRF, and the revision of the answers the page shows (see save_answers)."""

    revision = HiddenField()


@dataclass(frozen=True)
class PageQuestion:
    """One question as the page shows it: what its type's partial needs."""

    question: Question
    type: QuestionType
    name: str  # its inputs' name, or their names' start
    view: dict[str, Any]  # the type's form_view
    shown: Any  # a posted value, or None
    problem: str | None


def field_name(question_id: str) -> str:
    return FIELD_PREFIX + question_id


def question_rng(seed: int, question_id: str) -> random.Random:
    """The same shuffle for the same attempt and question, whatever the language."""
    return random.Random(f"{seed}:{question_id}")  # noqa: S311


def page_questions(
    attempt: Attempt,
    questions: list[Question],
    lang: str,
    shown: Mapping[str, Any],
    problems: Mapping[str, str],
) -> list[PageQuestion]:
    """The page's questions, each showing `shown` (posted values by question ID)."""
    return [
        _page_question(attempt, q, QUESTION_TYPES[q.type], lang, shown.get(q.id), problems)
        for q in questions
    ]


def _page_question(
    attempt: Attempt,
    question: Question,
    question_type: QuestionType,
    lang: str,
    shown: Any,
    problems: Mapping[str, str],
) -> PageQuestion:
    rng = question_rng(attempt.seed, question.id)
    return PageQuestion(
        question=question,
        type=question_type,
        name=field_name(question.id),
        view=question_type.form_view(question.data, lang, rng),
        shown=shown,
        problem=problems.get(question.id),
    )


def shown_answers(attempt: Attempt, questions: list[Question], lang: str) -> dict[str, Any]:
    """The stored answers as posted values, to show them on a page in `lang`."""
    stored = {a.question_id: a.value for a in attempt.answers}
    return {
        q.id: QUESTION_TYPES[q.type].shown(q.data, stored[q.id], lang)
        for q in questions
        if q.id in stored
    }


def posted_answers(questions: list[Question], form: MultiDict) -> dict[str, Any]:
    """What a page posted for each of its questions (None: nothing)."""
    return {
        q.id: QUESTION_TYPES[q.type].posted_from_form(q.data, form, field_name(q.id))
        for q in questions
    }


def posted_revision(form: FlaskForm) -> int | None:
    """The revision the page was showing; None if the request did not say (an old page)."""
    value = form.revision.data
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


# i18n: shown at a question whose posted answer was not one the page offers (a changed page)
UNREADABLE = _l("This answer could not be read: please answer again.")


def page_problems(reading: Reading) -> dict[str, str]:
    """What the learner must fix, by question: a value of the wrong shape, which a page posts
    only when it no longer matches the question, has a general reason."""
    return {**reading.problems, **dict.fromkeys(reading.invalid, str(UNREADABLE))}
