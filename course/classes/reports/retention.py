"""Retention by lesson: how many of a class's review cards are due, and how well the class is
predicted to recall them (FSRS retrievability) — which lessons the class is forgetting."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import fsrs
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy import ColumnElement, and_, or_, select

from course.classes.queries import class_learner_ids, plain_rows
from course.classes.reports.cells import Figures, Fragment
from course.classes.reports.lessons import course_lessons
from course.classes.reports.report import Column, Report
from course.content.catalog import Catalog
from course.spaced_review.models import CardKind, ReviewCard

LESSON = Fragment('{title}<br><span class="meta">{module}</span>')
# Retrievability does not depend on the desired retention, only on FSRS's parameters.
_SCHEDULER = fsrs.Scheduler()


@dataclass(slots=True)
class RetentionRow:
    lesson_id: str
    title: str
    module: str
    position: int  # the lesson's place in the course
    cards: int = 0
    students: int = 0  # students with cards for the lesson
    due: int = 0
    recall_sum: float = 0.0
    reviewed: int = 0  # cards with a predicted recall (new cards have none)

    @property
    def due_share(self) -> float | None:
        return 100 * self.due / self.cards if self.cards else None

    @property
    def mean_recall(self) -> float | None:
        return 100 * self.recall_sum / self.reviewed if self.reviewed else None


def recall_at(now: datetime) -> Callable[[float, datetime], float]:
    """fsrs's predicted probability of recalling, at `now`, a card of that stability last
    reviewed then (naive UTC datetimes, as stored).

    fsrs's own formula (Scheduler.get_card_retrievability, FSRS-6) with its constants worked
    out once: calling fsrs for each card took a third of the report's time for the class of 500
    (tests/test_retention_report.py checks that both agree).
    """
    decay = -_SCHEDULER.parameters[20]
    factor = 0.9 ** (1 / decay) - 1

    def recall(stability: float, last_review_dt: datetime) -> float:
        elapsed_days = max(0, (now - last_review_dt).days)
        return (1 + factor * elapsed_days / stability) ** decay

    return recall


def retention_rows(class_id: int, catalog: Catalog, now: datetime, lang: str) -> list[RetentionRow]:
    """A row for each lesson of the course, in order, with the class's live cards for it.

    One query whatever the class's size: grouping in the database (a count of distinct students
    sorts every card) took longer than counting here while fsrs reads each reviewed card.
    """
    rows = {
        lesson.id: RetentionRow(
            lesson.id, lesson.texts[lang].title, catalog.modules[lesson.module_id].title[lang], i
        )
        for i, lesson in enumerate(course_lessons(catalog))
    }
    cards = select(
        ReviewCard.learner_id,
        ReviewCard.lesson_id,
        ReviewCard.due_dt <= now,
        ReviewCard.stability,
        ReviewCard.last_review_dt,
    ).where(*_live_cards(class_id, catalog))
    recall = recall_at(now)
    students: dict[str, set[int]] = {lesson_id: set() for lesson_id in rows}
    for learner_id, lesson_id, is_due, stability, last_review_dt in plain_rows(cards, 1000):
        row = rows.get(lesson_id)
        if row is None:
            continue
        row.cards += 1
        row.due += is_due
        students[lesson_id].add(learner_id)
        if last_review_dt is not None and stability is not None:
            row.reviewed += 1
            row.recall_sum += recall(stability, last_review_dt)
    for lesson_id, learner_ids in students.items():
        rows[lesson_id].students = len(learner_ids)
    return list(rows.values())


def _live_cards(class_id: int, catalog: Catalog) -> tuple[ColumnElement[bool], ...]:
    """The class's students' cards that count: not retired, their item still in the course (a
    card whose item left is retired only when its learner's cards are next brought up to date)."""
    return (
        ReviewCard.learner_id.in_(class_learner_ids(class_id)),
        ReviewCard.retired_dt.is_(None),
        or_(
            and_(ReviewCard.kind == CardKind.QUESTION, ReviewCard.item_id.in_(catalog.questions)),
            and_(ReviewCard.kind == CardKind.TERM, ReviewCard.item_id.in_(catalog.glossary)),
        ),
    )


def retention_report(rows: list[RetentionRow]) -> Report[RetentionRow]:
    figures = Figures()

    def count_column(key: str, label: str, value) -> Column[RetentionRow]:
        return Column(
            key=key,
            label=label,
            value=value,
            html=lambda n: escape(figures.number(n)),
            csv_headers=(label,),
            csv=lambda n: (n,),
            sort=lambda n: n,
        )

    def share_column(key: str, label: str, value) -> Column[RetentionRow]:
        return Column(
            key=key,
            label=label,
            value=value,
            html=lambda share: escape(figures.percent(share)),
            csv_headers=(label,),
            csv=lambda share: ("" if share is None else round(share, 1),),
            sort=lambda share: -1.0 if share is None else share,
        )

    module = _("Module")
    columns = [
        Column(
            key="lesson",
            label=_("Lesson"),
            value=lambda row: row,
            html=lambda row: LESSON(title=row.title, module=row.module),
            csv_headers=(module, _("Lesson")),
            csv=lambda row: (row.module, row.title),
            sort=lambda row: row.position,
            is_row_header=True,
        ),
        count_column("cards", _("Cards"), lambda row: row.cards),
        count_column("students", _("Students with cards"), lambda row: row.students),
        share_column("due", _("Due now"), lambda row: row.due_share),
        share_column("recall", _("Mean predicted recall"), lambda row: row.mean_recall),
    ]
    return Report(columns, rows, default_sort="lesson")
