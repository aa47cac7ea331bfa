"""Reading thousands of rows for a report."""

from collections.abc import Iterator
from itertools import chain

from sqlalchemy import ColumnElement, Row, Select, select

from course.classes.models import Enrollment
from course.extensions import db
from course.learners.models import Learner
from course.quizzes.models import COUNTED, Attempt


def plain_rows(statement: Select, batch: int = 100) -> Iterator[Row]:
    """The rows of a query of columns, read in batches, without the ORM's bookkeeping for each.

    Reports read tens of thousands of rows: going through the ORM costs microseconds a row, and
    holding them all at once makes the garbage collector scan them again and again.
    """
    return chain.from_iterable(db.session.connection().execute(statement).partitions(batch))


def class_learner_ids(class_id: int) -> Select:
    """The learner IDs of the class's students, to select their attempts and lessons with."""
    return (
        select(Learner.id)
        .join(Enrollment, Enrollment.user_id == Learner.user_id)
        .where(Enrollment.class_id == class_id)
    )


def graded_attempts(class_id: int) -> tuple[ColumnElement[bool], ...]:
    """What makes an attempt count in the class's reports: a submitted quiz attempt (not
    practice of mistakes or a review session), by one of its students."""
    return (
        Attempt.learner_id.in_(class_learner_ids(class_id)),
        Attempt.submitted_dt.is_not(None),
        COUNTED,
    )
