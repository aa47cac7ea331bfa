"""Template helpers for instructors' pages."""

from dataclasses import dataclass

from flask import Flask
from flask_babel import ngettext
from markupsafe import Markup

from course.classes.labels import (
    GRADING_HINTS,
    GRADING_LABELS,
    REVIEW_PART_LABELS,
    REVIEW_TIME_LABELS,
)
from course.classes.models import Assignment
from course.content.access import get_catalog
from course.content.catalog import LocalizedHtml, Question
from course.content.question_types import QUESTION_TYPES
from course.i18n import get_locale


@dataclass(frozen=True)
class OptionRow:
    id: str
    text: LocalizedHtml
    is_key: bool


def assignment_title(assignment: Assignment) -> str:
    catalog = get_catalog()
    lang = get_locale()
    if assignment.module_id and assignment.module_id in catalog.modules:
        return catalog.modules[assignment.module_id].title[lang]
    quiz = catalog.quizzes.get(assignment.quiz_id)
    return quiz.title[lang] if quiz else assignment.quiz_id


def exception_text(attempts: int | None, minutes: int | None) -> str:
    """An exception in words: "+1 attempt, +15 min"."""
    parts = []
    if attempts:
        parts.append(ngettext("+%(num)d attempt", "+%(num)d attempts", attempts))
    if minutes:
        parts.append(ngettext("+%(num)d minute", "+%(num)d minutes", minutes))
    return ", ".join(parts)


def option_rows(question: Question) -> list[OptionRow]:
    """The options item analysis counts for the question, marking those in the key."""
    question_type = QUESTION_TYPES[question.type]
    key = question_type.key_options(question.data)
    return [
        OptionRow(o.id, o.text, o.id in key) for o in question_type.analysis_options(question.data)
    ]


def key_lines(question: Question, lang: str) -> list[Markup]:
    return QUESTION_TYPES[question.type].describe_key(question.data, lang)


def init_app(app: Flask) -> None:
    for helper in (assignment_title, option_rows, key_lines, exception_text):
        app.add_template_global(helper)
    labels = {
        "GRADING_LABELS": GRADING_LABELS,
        "GRADING_HINTS": GRADING_HINTS,
        "REVIEW_PART_LABELS": REVIEW_PART_LABELS,
        "REVIEW_TIME_LABELS": REVIEW_TIME_LABELS,
    }
    app.jinja_env.globals.update(labels)
