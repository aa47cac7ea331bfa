"""Template helpers for instructors' pages."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from flask import Flask, g, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup, escape

from course.classes.gradebook import Cell, StudentRow
from course.classes.item_analysis import CHOICE_TYPES
from course.classes.labels import (
    GRADING_HINTS,
    GRADING_LABELS,
    REVIEW_PART_LABELS,
    REVIEW_TIME_LABELS,
)
from course.classes.models import Assignment
from course.content.access import get_catalog
from course.content.catalog import Question
from course.content.question_types import QUESTION_TYPES
from course.i18n import get_locale
from course.languages import languages
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


@dataclass(frozen=True)
class GradebookLinks:
    """Where a cell links: an attempt (its ID appended) and the page adjusting a student's rules
    (assignment and student IDs filled in). url_for() for each cell would cost milliseconds."""

    attempt: str
    adjust: str  # with {assignment} and {user}

    @classmethod
    def of_class(cls, class_id: int) -> "GradebookLinks":
        attempt = url_for("reports.student_attempt", class_id=class_id, attempt_id=0)[:-1]
        adjust = url_for("grading.adjust", class_id=class_id, assignment_id=1, user_id=2)
        head, _sep, tail = adjust.rpartition("/assignments/1/students/2")
        return cls(attempt, f"{head}/assignments/{{assignment}}/students/{{user}}{tail}")


def gradebook_rows(
    rows: Sequence[StudentRow], assignments: Sequence[Assignment], links: GradebookLinks
) -> list[RowText]:
    """The rows as shown, in the given order."""
    figures = Figures()
    cells = GradebookCells(assignments, links, figures)
    return [
        RowText(
            row.name,
            row.email,
            cells.html(row.cells, row.user_id),
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
        self, assignments: Sequence[Assignment], links: GradebookLinks, figures: Figures
    ) -> None:
        self.columns = [(a.id, a.max_attempts) for a in assignments]
        self.attempt_url = escape(links.attempt)
        self.adjust_url = str(escape(links.adjust))
        self.late = Markup(' <span class="badge badge-todo">{}</span>').format(_("late"))
        self.adjust = str(escape(_("Adjust")))
        self.by_hand = cache(_by_hand_badge)
        self.extra_badge = cache(_extra_badge)
        self.score_html = cache(lambda value: str(escape(figures.percent(value))))
        self.note = cache(_cell_note)

    def html(self, cells: Sequence[Cell], user_id: int) -> Markup:
        columns = zip(cells, self.columns, strict=True)
        parts = (self._cell(cell, column, user_id) for cell, column in columns)
        return Markup("".join(parts))  # noqa: S704 - escaped

    def _cell(self, cell: Cell, column: tuple[int, int | None], user_id: int) -> str:
        grade, attempt_id, attempts, is_late, done, total, comment, more, minutes = cell
        assignment_id, max_attempts = column
        allowed = max_attempts + (more or 0) if max_attempts else None
        note = self.note(done, total, attempts, allowed)
        badges = (self.late if is_late else "") + (
            self.by_hand(comment) if comment is not None else ""
        )
        if more or minutes:
            badges += self.extra_badge(more, minutes)
        adjust_url = self.adjust_url.format(assignment=assignment_id, user=user_id)
        adjust = f' <a class="adjust" href="{adjust_url}">{self.adjust}</a>'
        if grade is None:
            score = "—"
        elif attempt_id is None:
            score = self.score_html(grade)
        else:
            score = f'<a href="{self.attempt_url}{attempt_id:d}">{self.score_html(grade)}</a>'
        return f'<td>{score}<br><span class="meta">{note}</span>{badges}{adjust}</td>'


def _by_hand_badge(comment: str) -> Markup:
    """A grade set by hand, its comment shown on hover and read out by screen readers."""
    label = _("set by hand")
    if not comment:
        return Markup(' <span class="badge badge-override">{}</span>').format(label)
    return Markup(
        ' <span class="badge badge-override" title="{comment}">{label}'
        '<span class="visually-hidden">: {comment}</span></span>'
    ).format(label=label, comment=comment)


def _extra_badge(attempts: int | None, minutes: int | None) -> Markup:
    return Markup(' <span class="badge badge-extra">{}</span>').format(
        exception_text(attempts, minutes)
    )


def exception_text(attempts: int | None, minutes: int | None) -> str:
    """An exception in words: "+1 attempt, +15 min"."""
    parts = []
    if attempts:
        parts.append(ngettext("+%(num)d attempt", "+%(num)d attempts", attempts))
    if minutes:
        parts.append(ngettext("+%(num)d minute", "+%(num)d minutes", minutes))
    return ", ".join(parts)


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
    for lang in languages():
        with force_locale(lang):
            texts[lang] = str(label)
    return texts


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
