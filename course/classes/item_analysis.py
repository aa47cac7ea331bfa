"""Item analysis: how each question behaves over a class's attempts, overall and per language.

Facility is the share of the available points earned. Discrimination is the correlation of the
item score with the rest of the test (the attempt's score without this item). A question whose
facility in one language differs from the others by at least FLAG_GAP, with at least
MIN_PER_LANGUAGE answers on each side, is flagged as a likely translation problem.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from statistics import StatisticsError, correlation
from typing import Any

from sqlalchemy import select

from course.classes.models import Enrollment
from course.content.catalog import Question, Quiz
from course.extensions import db
from course.progress.models import Learner
from course.quizzes.models import Answer, Attempt

FLAG_GAP = 0.2
MIN_PER_LANGUAGE = 3
MODES = ("first", "best", "all")
CHOICE_TYPES = ("single", "multiple", "true_false")


@dataclass(frozen=True)
class AttemptRecord:
    """What item analysis needs of one submitted attempt."""

    attempt_id: int
    student_id: int
    submitted_dt: datetime
    score: float
    # Every question asked → (value, language, points); unanswered ones are (None, "", 0.0).
    answers: dict[str, tuple[Any, str, float]]


@dataclass(frozen=True)
class ItemStats:
    question: Question
    responses: int
    facility: float | None
    discrimination: float | None
    option_counts: Counter
    by_language: dict[str, tuple[int, float | None]] = field(default_factory=dict)
    flagged_language: str | None = None


def choose_attempts(records: Iterable[AttemptRecord], mode: str) -> list[AttemptRecord]:
    """Each student's first or best attempt, or all of them."""
    records = sorted(records, key=lambda r: r.submitted_dt)
    if mode == "all":
        return records
    chosen: dict[int, AttemptRecord] = {}
    for record in records:
        current = chosen.get(record.student_id)
        if current is None or (mode == "best" and record.score > current.score):
            chosen[record.student_id] = record
    return list(chosen.values())


def analyse(questions: list[Question], records: list[AttemptRecord]) -> list[ItemStats]:
    return [_item_stats(q, [r for r in records if q.id in r.answers]) for q in questions]


def _item_stats(question: Question, records: list[AttemptRecord]) -> ItemStats:
    item = [r.answers[question.id][2] for r in records]
    rest = [r.score - r.answers[question.id][2] for r in records]
    facility = sum(item) / (question.points * len(item)) if item else None
    by_language: dict[str, list[float]] = defaultdict(list)
    for record in records:
        _value, lang, points = record.answers[question.id]
        if lang:
            by_language[lang].append(points / question.points)
    language_stats = {
        lang: (len(values), sum(values) / len(values)) for lang, values in by_language.items()
    }
    return ItemStats(
        question=question,
        responses=len(item),
        facility=facility,
        discrimination=_correlation(item, rest),
        option_counts=_option_counts(question, records),
        by_language=language_stats,
        flagged_language=_flag(by_language),
    )


def _correlation(item: list[float], rest: list[float]) -> float | None:
    if len(item) < 3:
        return None
    try:
        return correlation(item, rest)
    except StatisticsError:  # one of them does not vary
        return None


def _option_counts(question: Question, records: list[AttemptRecord]) -> Counter:
    counts: Counter = Counter()
    if question.type not in CHOICE_TYPES:
        return counts
    for record in records:
        value = record.answers[question.id][0]
        counts.update(value if isinstance(value, list) else [value] if value else [])
    return counts


def _flag(by_language: dict[str, list[float]]) -> str | None:
    """The language whose facility stands apart from the others' (the harder one on a tie)."""
    candidates = []
    for lang, values in by_language.items():
        others = [v for other, vs in by_language.items() if other != lang for v in vs]
        if len(values) < MIN_PER_LANGUAGE or len(others) < MIN_PER_LANGUAGE:
            continue
        facility = sum(values) / len(values)
        gap = abs(facility - sum(others) / len(others))
        if gap >= FLAG_GAP:
            candidates.append((round(gap, 9), -facility, lang))
    return max(candidates)[2] if candidates else None


def class_attempt_records(class_id: int, quiz: Quiz, mode: str = "all") -> list[AttemptRecord]:
    """The submitted attempts of the class's students at this quiz that `mode` chooses (see
    choose_attempts), with their answers: three queries, the last two for the chosen only."""
    attempts = db.session.execute(
        select(Attempt.id, Learner.user_id, Attempt.submitted_dt, Attempt.score)
        .join(Learner, Learner.id == Attempt.learner_id)
        .join(Enrollment, Enrollment.user_id == Learner.user_id)
        .where(
            Enrollment.class_id == class_id,
            Attempt.quiz_id == quiz.id,
            Attempt.submitted_dt.is_not(None),
        )
    ).all()
    chosen = choose_attempts(
        (AttemptRecord(a.id, a.user_id, a.submitted_dt, a.score or 0.0, {}) for a in attempts),
        mode,
    )
    attempt_ids = [r.attempt_id for r in chosen]
    if not attempt_ids:
        return []
    question_ids = dict(
        db.session.execute(
            select(Attempt.id, Attempt.question_ids).where(Attempt.id.in_(attempt_ids))
        ).all()
    )
    answers: dict[int, dict] = defaultdict(dict)
    rows = db.session.execute(
        select(
            Answer.attempt_id, Answer.question_id, Answer.value, Answer.lang, Answer.score
        ).where(Answer.attempt_id.in_(attempt_ids))
    )
    for attempt_id, question_id, value, lang, score in rows:
        answers[attempt_id][question_id] = (value, lang, score or 0.0)
    unanswered = (None, "", 0.0)
    return [
        replace(
            r,
            answers={
                q: answers[r.attempt_id].get(q, unanswered) for q in question_ids[r.attempt_id]
            },
        )
        for r in chosen
    ]
