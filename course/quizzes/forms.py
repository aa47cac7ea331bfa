"""The form of one attempt: one WTForms field per question, options in this attempt's order."""

import random
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField

from course.content.catalog import Question
from course.content.question_types import QUESTION_TYPES
from course.quizzes.models import Attempt

FIELD_PREFIX = "answer-"


def field_name(question_id: str) -> str:
    return FIELD_PREFIX + question_id


def question_rng(seed: int, question_id: str) -> random.Random:
    """The same shuffle for the same attempt and question, whatever the language."""
    return random.Random(f"{seed}:{question_id}")  # noqa: S311


def attempt_form(
    attempt: Attempt, questions: list[Question], lang: str, answers: dict[str, Any]
) -> FlaskForm:
    """A form for these questions; on GET it shows the stored answers, on POST what was sent."""

    class AttemptForm(FlaskForm):
        # The revision of the answers this page shows (see save_answers).
        revision = HiddenField()

    data: dict[str, Any] = {"revision": attempt.revision}
    for question in questions:
        question_type = QUESTION_TYPES[question.type]
        name = field_name(question.id)
        rng = question_rng(attempt.seed, question.id)
        setattr(AttemptForm, name, question_type.field(question.data, lang, rng))
        if question.id in answers:
            data[name] = question_type.field_value(question.data, answers[question.id], lang)
    return AttemptForm(data=data)


def posted_revision(form: FlaskForm) -> int | None:
    """The revision the page was showing; None if the request did not say (an old page)."""
    value = form.revision.data
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def answers_from_form(
    form: FlaskForm, questions: list[Question], lang: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """What the learner sent, by question ID, and the fields that could not be accepted."""
    form.validate()
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        field = form[field_name(question.id)]
        if field.errors:
            errors[question.id] = _first_error(field.errors)
            continue
        answers[question.id] = QUESTION_TYPES[question.type].answer_from_field(
            question.data, field.data, lang
        )
    return answers, errors


def _first_error(errors: Any) -> str:
    if isinstance(errors, dict):
        return _first_error(next(iter(errors.values())))
    return str(errors[0])
