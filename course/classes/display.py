"""Template helpers for instructors' pages."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from flask import Flask, g
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup, escape

from course.catalog_access import get_catalog
from course.classes.gradebook import Cell, StudentRow
from course.classes.item_analysis import CHOICE_TYPES
from course.classes.models import Assignment
from course.content.catalog import Question
from course.i18n import LANGUAGES, get_locale
from course.quizzes.question_types import QUESTION_TYPES
from course.templating import number, percent, when


class RowText(NamedTuple):
    """A gradebook row as shown."""

    name: str
    email: str
    cells: Markup  # a <td> for each assignment
    average: str
    last_activity: str


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


class Figures:
    """Percentages and numbers in the page's locale, each distinct one formatted once: a report
    shows hundreds or thousands of them, many alike, and formatting one costs microseconds."""

    def __init__(self) -> None:
        self._percents = cache(percent)
        self._numbers = cache(number)

    def percent(self, value: float) -> str:
        return self._percents(round(value, 1))  # as percent() rounds: fewer to format

    def number(self, value: float) -> str:
        return self._numbers(round(value, 2))  # as number() rounds


def gradebook_rows(
    rows: Sequence[StudentRow], assignments: Sequence[Assignment], attempt_url: str
) -> list[RowText]:
    """The rows as shown, in the given order; `attempt_url` + an attempt ID links to it."""
    figures = Figures()
    cells = GradebookCells(assignments, attempt_url, figures)
    return [
        RowText(
            row.name,
            row.email,
            cells.html(row.cells),
            figures.percent(row.average) if row.average is not None else "—",
            when(row.last_activity),
        )
        for row in rows
    ]


class GradebookCells:
    """The cells of a gradebook as HTML: a class of 500 students has 5,000 of them.

    Each distinct score and note is formatted once per page, and a row's cells are one string
    built here rather than thousands of template expressions (each escaping its value into an
    object of its own). Every value is escaped before it goes into the markup.
    """

    def __init__(
        self, assignments: Sequence[Assignment], attempt_url: str, figures: Figures
    ) -> None:
        self.max_attempts = [a.max_attempts for a in assignments]
        self.attempt_url = escape(attempt_url)
        self.late = Markup(' <span class="badge badge-todo">{}</span>').format(_("late"))
        self.score_html = cache(lambda value: str(escape(figures.percent(value))))
        self.note = cache(_cell_note)

    def html(self, cells: Sequence[Cell]) -> Markup:
        return Markup("".join(map(self._cell, cells, self.max_attempts)))  # noqa: S704 - escaped

    def _cell(self, cell: Cell, max_attempts: int | None) -> str:
        best, attempt_id, attempts, is_late, lessons_done, lessons_total = cell
        note = self.note(lessons_done, lessons_total, attempts, max_attempts)
        late = self.late if is_late else ""
        if best is None:
            return f'<td>—<br><span class="meta">{note}</span>{late}</td>'
        link = f'<a href="{self.attempt_url}{attempt_id:d}">{self.score_html(best)}</a>'
        return f'<td>{link}<br><span class="meta">{note}</span>{late}</td>'


def _cell_note(done: int, total: int, attempts: int, max_attempts: int | None) -> Markup:
    """The small print of a gradebook cell: lessons done and attempts made."""
    note = Markup.escape(ngettext("%(num)d attempt", "%(num)d attempts", attempts))
    if max_attempts:
        note += Markup(" / {}").format(max_attempts)
    if total:
        lessons = _("lessons %(done)d/%(total)d", done=done, total=total)
        note = Markup("{} · {}").format(lessons, note)
    return note


def option_rows(question: Question) -> list[OptionRow]:
    """The options of a choice question, marking those in the key (none for other types)."""
    if question.type not in CHOICE_TYPES:
        return []
    question_type = QUESTION_TYPES[question.type]
    key = question_type.key(question.data)
    keys = set(key) if isinstance(key, list) else {key}
    if question.type == "true_false":
        labels = _true_false_labels()
        return [OptionRow(value, text, value in keys) for value, text in labels.items()]
    return [OptionRow(o.id, o.text, o.id in keys) for o in question.data.get("options", ())]


def _true_false_labels() -> dict[str, dict[str, str]]:
    """The labels of true/false options in each language, translated once a request: item
    analysis shows dozens of such questions, and each switch of locale costs microseconds."""
    if "true_false_labels" not in g:
        labels = QUESTION_TYPES["true_false"].LABELS
        g.true_false_labels = {value: _in_each_language(label) for value, label in labels.items()}
    return g.true_false_labels


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
