"""Flags for review: questions a learner marks to come back to before submitting.

A flag is a note of the learner's to themselves: it is never graded, does not move the
attempt's revision (a flag set in one tab does not make another tab's answers stale), and
stays on a submitted attempt as it was.
"""

from course.content.access import get_catalog
from course.database import prepare_to_write
from course.extensions import db
from course.quizzes.attempts import GRACE, AttemptClosed, submit_attempt
from course.quizzes.models import Attempt
from course.timeutil import utcnow


class NotInAttempt(Exception):
    """The question is not one of the attempt's."""


def set_flag(attempt: Attempt, question_id: str, flagged: bool | None) -> list[str]:
    """Flag the question (True), take its flag off (False) or turn it over (None, the form's
    button); return the attempt's flags in the order of its questions.

    Setting a flag twice changes nothing. A submitted attempt (or one whose time is up) keeps
    its flags as they were: AttemptClosed.
    """
    if question_id not in attempt.question_ids:
        raise NotInAttempt(question_id)
    prepare_to_write()
    db.session.refresh(attempt, ["flagged", "submitted_dt", "deadline_dt"], with_for_update=True)
    if attempt.is_submitted or attempt.is_past_deadline(utcnow(), GRACE):
        db.session.rollback()
        raise AttemptClosed(timed_out=submit_attempt(attempt, get_catalog()))
    chosen = set(attempt.flagged or ())
    if flagged is None:
        flagged = question_id not in chosen
    chosen.discard(question_id)
    if flagged:
        chosen.add(question_id)
    attempt.flagged = [q for q in attempt.question_ids if q in chosen]
    db.session.commit()
    return attempt.flagged
