"""Only the learner who made an attempt may see or change it; anyone else gets a 404."""

from flask import abort
from sqlalchemy.orm import lazyload

from course.content.access import get_catalog
from course.extensions import db
from course.learners.current import current_learner
from course.quizzes.models import Attempt

_NO_ANSWERS = (lazyload(Attempt.answers),)


def own_attempt_or_404(attempt_id: int, with_answers: bool = True) -> Attempt:
    """The learner's attempt; `with_answers=False` leaves its answers unread until used."""
    learner = current_learner(create=False)
    attempt = db.session.get(Attempt, attempt_id, options=() if with_answers else _NO_ANSWERS)
    if learner is None or attempt is None or attempt.learner_id != learner.id:
        abort(404)
    if attempt.quiz_id not in get_catalog().quizzes:
        abort(404)
    return attempt
