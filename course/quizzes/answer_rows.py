"""Writing an attempt's answers row by row: a save reads and writes the rows it changes only.

An attempt page saves one answer at a time, so a save must cost little more than any signed-in
request: it reads the attempt's row (locked) and the rows of the answers sent, and writes only
those that changed, with plain SQL statements rather than the ORM's unit of work.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm.attributes import set_committed_value

from course.extensions import db
from course.quizzes.models import Answer, Attempt
from course.timeutil import utcnow

ANSWERS = Answer.__table__
ATTEMPTS = Attempt.__table__
# Built once: building a statement costs more than running a cached one.
_LOCK = (
    select(ATTEMPTS.c.revision, ATTEMPTS.c.submitted_dt, ATTEMPTS.c.deadline_dt)
    .where(ATTEMPTS.c.id == bindparam("attempt_id"))
    .with_for_update()
)
_ROWS = select(ANSWERS.c.id, ANSWERS.c.question_id, ANSWERS.c.value).where(
    ANSWERS.c.attempt_id == bindparam("attempt_id"),
    ANSWERS.c.question_id.in_(bindparam("question_ids", expanding=True)),
)
_ANSWERED = select(ANSWERS.c.question_id).where(
    ANSWERS.c.attempt_id == bindparam("attempt_id"),
    ANSWERS.c.question_id.in_(bindparam("question_ids", expanding=True)),
)
_NEW = {
    "value": bindparam("new_value", type_=ANSWERS.c.value.type),
    "lang": bindparam("new_lang"),
    "saved_dt": bindparam("now"),
}
_INSERT = insert(ANSWERS).values(
    attempt_id=bindparam("attempt_id"),
    question_id=bindparam("question_id"),
    score=bindparam("new_score"),
    **_NEW,
)
_TIMES = select(ANSWERS.c.question_id, ANSWERS.c.saved_dt).where(
    ANSWERS.c.attempt_id == bindparam("attempt_id")
)
_UPDATE = update(ANSWERS).where(ANSWERS.c.id == bindparam("answer_id")).values(**_NEW)
_DELETE = delete(ANSWERS).where(ANSWERS.c.id == bindparam("answer_id"))
_REVISION = (
    update(ATTEMPTS)
    .where(ATTEMPTS.c.id == bindparam("attempt_id"))
    .values(revision=bindparam("revision"))
)


def lock_attempt(attempt: Attempt) -> None:
    """Read the attempt's revision, submission and deadline again, locking its row, so that its
    answers change one save at a time. Answers loaded before another save are forgotten."""
    row = db.session.execute(_LOCK, {"attempt_id": attempt.id}).one()
    if row.revision != attempt.revision:
        _forget_loaded_answers(attempt)
    for key in ("revision", "submitted_dt", "deadline_dt"):
        set_committed_value(attempt, key, getattr(row, key))


def write_answers(attempt: Attempt, answers: Mapping[str, Any], lang: str) -> bool:
    """Store these answers (None removes one) and move the revision on if any changed; the
    caller holds the attempt's lock (`lock_attempt`) and commits. Says if anything changed."""
    if not answers:
        return False
    rows = db.session.execute(_ROWS, {"attempt_id": attempt.id, "question_ids": list(answers)})
    existing = {row.question_id: row for row in rows}
    new = {"new_lang": lang, "now": utcnow()}
    changed = False
    for question_id, value in answers.items():
        row = existing.get(question_id)
        if row is None and value is not None:
            ids = {"attempt_id": attempt.id, "question_id": question_id}
            # Scored at submission.
            db.session.execute(_INSERT, {**ids, **new, "new_value": value, "new_score": None})
        elif row is not None and value is None:
            db.session.execute(_DELETE, {"answer_id": row.id})
        elif row is not None and row.value != value:
            db.session.execute(_UPDATE, {"answer_id": row.id, **new, "new_value": value})
        else:
            continue
        changed = True
    if changed:
        _move_revision(attempt)
    return changed


def add_answer(
    attempt: Attempt, question_id: str, value: Any, lang: str, score: float | None, now: datetime
) -> None:
    """Store a new answer, scored already (a review session's), and move the revision on; the
    caller holds the attempt's lock and commits."""
    row = {"attempt_id": attempt.id, "question_id": question_id, "new_value": value}
    db.session.execute(_INSERT, row | {"new_lang": lang, "now": now, "new_score": score})
    _move_revision(attempt)


def answer_times(attempt: Attempt) -> dict[str, datetime]:
    """When each of the attempt's stored answers was saved, by question ID."""
    rows = db.session.execute(_TIMES, {"attempt_id": attempt.id})
    return {row.question_id: row.saved_dt for row in rows}


def answered_questions(attempt: Attempt, question_ids: Iterable[str]) -> set[str]:
    """Which of these questions have a stored answer (the others are unanswered)."""
    params = {"attempt_id": attempt.id, "question_ids": list(question_ids)}
    return set(db.session.scalars(_ANSWERED, params))


def _move_revision(attempt: Attempt) -> None:
    revision = attempt.revision + 1
    db.session.execute(_REVISION, {"attempt_id": attempt.id, "revision": revision})
    set_committed_value(attempt, "revision", revision)
    _forget_loaded_answers(attempt)


def _forget_loaded_answers(attempt: Attempt) -> None:
    """The answers loaded with the attempt are out of date: read them again when next used."""
    if "answers" not in attempt.__dict__:
        return
    for answer in attempt.answers:
        db.session.expire(answer)
    db.session.expire(attempt, ["answers"])
