"""Only the learner who made an attempt may see or change it; anyone else gets a 404."""

from flask import abort

from course.content.access import get_catalog
from course.extensions import db
from course.learners.current import current_learner
from course.quizzes.models import Attempt


def own_attempt_or_404(attempt_id: int) -> Attempt:
    learner = current_learner(create=False)
    attempt = db.session.get(Attempt, attempt_id)
    if learner is None or attempt is None or attempt.learner_id != learner.id:
        abort(404)
    if attempt.quiz_id not in get_catalog().quizzes:
        abort(404)
    return attempt
