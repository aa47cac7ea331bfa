"""Scoring submitted attempts again with the current keys, after a key was corrected."""

from collections.abc import Collection

from sqlalchemy import select

from course.content.catalog import Catalog
from course.extensions import db
from course.quizzes.attempts import score_attempt
from course.quizzes.models import Attempt, Regrade
from course.timeutil import utcnow


class UnknownContent(ValueError):
    """A quiz or question to regrade that the course does not have."""


def regrade(
    catalog: Catalog, quiz_id: str | None = None, question_ids: Collection[str] = ()
) -> Regrade:
    """Rescore every submitted attempt (at `quiz_id`, containing any of `question_ids`) with
    the current keys; record how many were rescored and how many changed."""
    _check(catalog, quiz_id, question_ids)
    now, wanted = utcnow(), set(question_ids)
    rescored = changed = 0
    seen: set[str] = set()
    for attempt in _submitted(quiz_id):
        if attempt.quiz_id not in catalog.quizzes or (
            wanted and wanted.isdisjoint(attempt.question_ids)
        ):
            continue
        rescored += 1
        changed += _rescore(attempt, catalog)
        attempt.regraded_dt = now
        seen.update(attempt.question_ids)
    record = Regrade(
        created_dt=now,
        question_ids=sorted(wanted or seen),
        attempts_rescored=rescored,
        attempts_changed=changed,
    )
    db.session.add(record)
    db.session.commit()
    return record


def _check(catalog: Catalog, quiz_id: str | None, question_ids: Collection[str]) -> None:
    if quiz_id is not None and quiz_id not in catalog.quizzes:
        raise UnknownContent(f"no quiz {quiz_id!r}")
    unknown = sorted(set(question_ids) - catalog.questions.keys())
    if unknown:
        raise UnknownContent(f"no question {', '.join(map(repr, unknown))}")


def _submitted(quiz_id: str | None):
    query = select(Attempt).where(Attempt.submitted_dt.is_not(None)).order_by(Attempt.id)
    if quiz_id is not None:
        query = query.where(Attempt.quiz_id == quiz_id)
    return list(db.session.scalars(query))  # read first: the loop changes the rows


def _rescore(attempt: Attempt, catalog: Catalog) -> bool:
    """Score the attempt again; True if its score or its pass changed."""
    before = (attempt.score, attempt.max_score, attempt.is_passed)
    score_attempt(attempt, catalog)
    return before != (attempt.score, attempt.max_score, attempt.is_passed)
