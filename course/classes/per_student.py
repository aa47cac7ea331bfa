"""Rows kept for one student on one assignment (exceptions, grades set by hand)."""

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import delete, select

from course.classes.models import AssignmentException, GradeOverride
from course.database import prepare_to_write
from course.extensions import db

Row = TypeVar("Row", AssignmentException, GradeOverride)


def one(model: type[Row], assignment_id: int, user_id: int) -> Row | None:
    return db.session.scalar(
        select(model).where(model.assignment_id == assignment_id, model.user_id == user_id)
    )


def by_student(model: type[Row], assignment_ids: Iterable[int]) -> dict[tuple[int, int], Row]:
    """(assignment, user) → row, for the given assignments: one query."""
    ids = list(assignment_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(model).where(model.assignment_id.in_(ids)))
    return {(row.assignment_id, row.user_id): row for row in rows}


def remove(model: type[Row], assignment_id: int, user_id: int) -> None:
    prepare_to_write()
    db.session.execute(
        delete(model).where(model.assignment_id == assignment_id, model.user_id == user_id)
    )
    db.session.commit()


def save(row: Row) -> Row:
    prepare_to_write()
    db.session.add(row)
    db.session.commit()
    return row
