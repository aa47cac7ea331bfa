"""The gradebook as a report: a row per student, a column per assignment."""

from collections.abc import Callable
from datetime import datetime
from functools import cache
from operator import attrgetter

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from course.classes.display import assignment_title, exception_text
from course.classes.labels import GRADING_LABELS
from course.classes.models import Assignment
from course.classes.reports.cells import Figures, Fragment, LinkTemplate, student_column
from course.classes.reports.gradebook import GRADE, Gradebook, GradeCell, StudentRow
from course.classes.reports.report import Column, Report
from course.csvexport import Cell
from course.templating import when

ASSIGNMENT_META = Fragment("{due} {due_dt}<br>{grade}")
GRADE_CELL = Fragment(
    '{score}<br><span class="meta">{note}</span>{badges}'
    ' <a class="adjust" href="{adjust}">{label}</a>'
)
NO_BADGES = Markup("")
NO_GRADE = Markup("—")
LINKED_SCORE = Fragment('<a href="{href}">{grade}</a>')
BADGE = Fragment(' <span class="badge badge-{kind}">{text}</span>')
BY_HAND_WITH_COMMENT = Fragment(
    ' <span class="badge badge-override" title="{comment}">{label}'
    '<span class="visually-hidden">: {comment}</span></span>'
)
NOTE = Fragment("{attempts}{allowed}")
NOTE_WITH_LESSONS = Fragment("{lessons} · {attempts}{allowed}")


def gradebook_report(book: Gradebook, class_id: int) -> Report[StudentRow]:
    figures = Figures()
    cells = GradeCells(class_id, figures)
    columns = [student_column(footer=_("Class average"))]
    for index, assignment in enumerate(book.assignments):
        columns.append(_assignment_column(assignment, index, cells, book.averages[index]))
    columns += [_average_column(figures, book.class_average), _activity_column()]
    return Report(columns, book.rows, default_sort="name")


def _assignment_column(
    assignment: Assignment, index: int, cells: "GradeCells", average: float | None
) -> Column[StudentRow]:
    title = assignment_title(assignment)
    method = GRADING_LABELS[assignment.grading_method]
    return Column(
        key=f"a{assignment.id}",
        label=title,
        value=lambda row: row.cells[index],
        html=cells.html_of(assignment),
        csv_headers=(
            _("%(title)s: grade (%(method)s)", title=title, method=method),
            _("%(title)s: override comment", title=title),
            _("%(title)s: lessons done", title=title),
            _("%(title)s: attempts", title=title),
            _("%(title)s: late", title=title),
        ),
        csv=cells.csv,
        sort=lambda cell: _or_below_all(cell[GRADE]),
        meta=ASSIGNMENT_META(
            due=_("Due"),
            due_dt=when(assignment.due_dt),
            grade=_("Grade: %(method)s", method=method),
        ),
        footer=cells.figures.percent(average),
    )


def _average_column(figures: Figures, class_average: float | None) -> Column[StudentRow]:
    return Column(
        key="average",
        label=_("Average"),
        value=attrgetter("average"),
        html=lambda average: escape(figures.percent(average)),
        csv_headers=(_("Average"),),
        csv=lambda average: (figures.percent(average, ""),),
        sort=_or_below_all,
        footer=figures.percent(class_average),
    )


def _activity_column() -> Column[StudentRow]:
    return Column(
        key="activity",
        label=_("Last activity"),
        value=attrgetter("last_activity"),
        html=lambda at: escape(when(at)),
        csv_headers=(_("Last activity"),),
        csv=lambda at: (when(at),),
        sort=lambda at: at or datetime.min,
    )


def _or_below_all(score: float | None) -> float:
    return -1 if score is None else score


class GradeCells:
    """The gradebook's cells, in HTML and in CSV: a class of 500 students has 5,000 of them,
    so what recurs (scores, notes, badges) is made once per page."""

    def __init__(self, class_id: int, figures: Figures) -> None:
        self.class_id, self.figures = class_id, figures
        self.late, self.set_by_hand, self.adjust = _("late"), _("set by hand"), escape(_("Adjust"))
        self.late_badge = BADGE(kind="todo", text=self.late)
        self.by_hand = cache(self._by_hand_badge)
        self.extra_badge = cache(
            lambda attempts, minutes: BADGE(kind="extra", text=exception_text(attempts, minutes))
        )
        self.score = cache(lambda grade: escape(figures.percent(grade)))
        self.note = cache(_note)

    def html_of(self, assignment: Assignment) -> Callable[[GradeCell], Markup]:
        """The cells of one assignment's column in HTML: one fragment each, its links in it."""
        adjust = LinkTemplate(
            "grading.adjust", ("user_id",), class_id=self.class_id, assignment_id=assignment.id
        )
        attempt = LinkTemplate("reports.student_attempt", ("attempt_id",), class_id=self.class_id)
        linked = GRADE_CELL.with_links(score=LINKED_SCORE.with_links(href=attempt), adjust=adjust)
        unlinked = GRADE_CELL.with_links(score="{grade}", adjust=adjust)
        max_attempts = assignment.max_attempts

        def html(cell: GradeCell) -> Markup:
            user_id, grade, attempt_id, attempts, late, done, total, comment, extra, minutes = cell
            allowed = max_attempts + (extra or 0) if max_attempts else None
            # set by hand without an attempt, or no grade: nothing to link
            fragment = unlinked if attempt_id is None else linked
            return fragment(
                grade=NO_GRADE if grade is None else self.score(grade),
                attempt_id=attempt_id or 0,  # a number, not escaped; unused if unlinked
                note=self.note(done, total, attempts, allowed),
                badges=self._badges(late, comment, extra, minutes)
                if late or comment is not None or extra or minutes
                else NO_BADGES,
                user_id=user_id,
                label=self.adjust,
            )

        return html

    def _badges(
        self, late: bool, comment: str | None, extra: int | None, minutes: int | None
    ) -> Markup:
        badges = self.late_badge if late else NO_BADGES
        if comment is not None:
            badges += self.by_hand(comment)
        if extra or minutes:
            badges += self.extra_badge(extra, minutes)
        return badges

    def _by_hand_badge(self, comment: str) -> Markup:
        """A grade set by hand, its comment shown on hover and read out by screen readers."""
        label = self.set_by_hand
        if not comment:
            return BADGE(kind="override", text=label)
        return BY_HAND_WITH_COMMENT(label=label, comment=comment)

    def csv(self, cell: GradeCell) -> tuple[Cell, ...]:
        _user, grade, _attempt, attempts, late, done, total, comment, _extra, _minutes = cell
        by_hand = self.set_by_hand if comment is not None else ""
        return (
            self.figures.percent(grade, ""),
            comment or by_hand,
            f"{done}/{total}" if total else "",
            self.figures.number(attempts),
            self.late if late else "",
        )


def _note(done: int, total: int, attempts: int, allowed: int | None) -> Markup:
    """The small print of a cell: lessons done and attempts made."""
    made = ngettext("%(num)d attempt", "%(num)d attempts", attempts)
    allowed_text = f" / {allowed}" if allowed else ""
    if not total:
        return NOTE(attempts=made, allowed=allowed_text)
    lessons = _("lessons %(done)d/%(total)d", done=done, total=total)
    return NOTE_WITH_LESSONS(lessons=lessons, attempts=made, allowed=allowed_text)
