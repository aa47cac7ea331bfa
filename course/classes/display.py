"""Template helpers for instructors' pages."""

from dataclasses import dataclass

from flask import Flask
from flask_babel import force_locale
from markupsafe import Markup

from course.catalog_access import get_catalog
from course.classes.item_analysis import CHOICE_TYPES
from course.classes.models import Assignment
from course.content.catalog import Question
from course.i18n import LANGUAGES, get_locale
from course.quizzes.question_types import QUESTION_TYPES


@dataclass(frozen=True)
class OptionRow:
    id: str
    text: dict
    is_key: bool


def assignment_title(assignment: Assignment) -> str:
    catalog = get_catalog()
    lang = get_locale()
    if assignment.module_id and assignment.module_id in catalog.modules:
        return catalog.modules[assignment.module_id].title[lang]
    quiz = catalog.quizzes.get(assignment.quiz_id)
    return quiz.title[lang] if quiz else assignment.quiz_id


def option_rows(question: Question) -> list[OptionRow]:
    """The options of a choice question, marking those in the key (none for other types)."""
    if question.type not in CHOICE_TYPES:
        return []
    question_type = QUESTION_TYPES[question.type]
    key = question_type.key(question.data)
    keys = set(key) if isinstance(key, list) else {key}
    if question.type == "true_false":
        return [
            OptionRow(value, _in_each_language(label), value in keys)
            for value, label in question_type.LABELS.items()
        ]
    return [OptionRow(o.id, o.text, o.id in keys) for o in question.data.get("options", ())]


def _in_each_language(label) -> dict[str, str]:
    texts = {}
    for lang in LANGUAGES:
        with force_locale(lang):
            texts[lang] = str(label)
    return texts


def key_lines(question: Question, lang: str) -> list[Markup]:
    return QUESTION_TYPES[question.type].describe_key(question.data, lang)


def init_app(app: Flask) -> None:
    for helper in (assignment_title, option_rows, key_lines):
        app.add_template_global(helper)
