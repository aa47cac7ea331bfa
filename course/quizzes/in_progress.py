"""A learner's unfinished attempts, for "continue where you left off": one query for them all."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import lazyload

from course.extensions import db
from course.quizzes.models import Answer, Attempt, AttemptKind
from course.timeutil import utcnow


@dataclass(frozen=True)
class OpenAttempt:
    """An attempt its learner can go on with: how far they got, and how long they have."""

    attempt: Attempt
    answered: int
    last_active_dt: datetime

    @property
    def questions(self) -> int:
        return len(self.attempt.question_ids)

    def time_left(self, now: datetime) -> timedelta | None:
        if self.attempt.deadline_dt is None:
            return None
        return max(self.attempt.deadline_dt - now, timedelta(0))


def _statement():
    # Correlated, so that only this learner's answers are read (through the attempt's index).
    mine = Answer.attempt_id == Attempt.id
    answered = select(func.count(Answer.id)).where(mine).correlate(Attempt).scalar_subquery()
    last_saved = select(func.max(Answer.saved_dt)).where(mine).correlate(Attempt).scalar_subquery()
    return (
        select(Attempt, answered, last_saved)
        .where(
            Attempt.learner_id == bindparam("learner_id"),
            Attempt.submitted_dt.is_(None),
            # A review session is no quiz to continue: the Review page goes on with it.
            Attempt.kind != AttemptKind.REVIEW,
            Attempt.deadline_dt.is_(None) | (Attempt.deadline_dt > bindparam("now")),
        )
        .options(lazyload(Attempt.answers))
    )


# Built once: every page that shows progress asks for it.
_OPEN_ATTEMPTS = _statement()


def open_attempts(learner_id: int, now: datetime | None = None) -> list[OpenAttempt]:
    """The learner's unfinished attempts whose time is not up, the latest worked on first."""
    rows = db.session.execute(_OPEN_ATTEMPTS, {"learner_id": learner_id, "now": now or utcnow()})
    found = [
        OpenAttempt(attempt, answered or 0, max(last or attempt.started_dt, attempt.started_dt))
        for attempt, answered, last in rows
    ]
    return sorted(found, key=lambda o: (o.last_active_dt, o.attempt.id), reverse=True)
