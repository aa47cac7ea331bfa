"""Retention by lesson: how many of a class's review cards are due, and how well the class is
predicted to recall them (FSRS retrievability) — which lessons the class is forgetting."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import fsrs
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy import select

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
    due: int = 0
    recall_sum: float = 0.0
    reviewed: int = 0  # cards with a predicted recall (new cards have none)
    learner_ids: set[int] = field(default_factory=set)

    @property
    def students(self) -> int:
        return len(self.learner_ids)

    @property
    def due_share(self) -> float | None:
        return 100 * self.due / self.cards if self.cards else None

    @property
    def mean_recall(self) -> float | None:
        return 100 * self.recall_sum / self.reviewed if self.reviewed else None


def retrievability(stability: float, last_review_dt: datetime, now: datetime) -> float:
    """The predicted probability of recalling a reviewed card at `now` (naive UTC), by fsrs."""
    card = fsrs.Card(
        card_id=0,
        state=fsrs.State.Review,
        stability=stability,
        last_review=last_review_dt.replace(tzinfo=UTC),
    )
    return _SCHEDULER.get_card_retrievability(card, now.replace(tzinfo=UTC))


def retention_rows(class_id: int, catalog: Catalog, now: datetime, lang: str) -> list[RetentionRow]:
    """A row for each lesson of the course, in order, with the class's live cards for it."""
    rows = {
        lesson.id: RetentionRow(
            lesson.id, lesson.texts[lang].title, catalog.modules[lesson.module_id].title[lang], i
        )
        for i, lesson in enumerate(course_lessons(catalog))
    }
    items = {CardKind.QUESTION: catalog.questions, CardKind.TERM: catalog.glossary}
    cards = select(
        ReviewCard.learner_id,
        ReviewCard.kind,
        ReviewCard.item_id,
        ReviewCard.lesson_id,
        ReviewCard.due_dt,
        ReviewCard.stability,
        ReviewCard.last_review_dt,
    ).where(ReviewCard.learner_id.in_(class_learner_ids(class_id)), ReviewCard.retired_dt.is_(None))
    for learner_id, kind, item_id, lesson_id, due_dt, stability, last_review_dt in plain_rows(
        cards, batch=1000
    ):
        row = rows.get(lesson_id)
        if row is None or item_id not in items[kind]:
            continue  # content gone, its card not retired yet
        row.cards += 1
        row.learner_ids.add(learner_id)
        row.due += due_dt <= now
        if last_review_dt is not None and stability is not None:
            row.reviewed += 1
            row.recall_sum += retrievability(stability, last_review_dt, now)
    return list(rows.values())


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
