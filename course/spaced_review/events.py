"""Where spaced review takes part in lower packages' events (see course.hooks)."""

from flask import Flask

from course.accounts.export import ACCOUNT_DATA
from course.content.access import get_catalog
from course.extensions import db
from course.hooks import add_hook
from course.learners.current import MERGING
from course.progress.learners import LESSON_DONE
from course.quizzes.attempts import SUBMITTED
from course.quizzes.models import Attempt
from course.spaced_review.account_data import move_review, review_data
from course.spaced_review.cards import cards_from_attempt, glossary_cards
from course.timeutil import utcnow


def cards_from_submitted(attempt: Attempt) -> None:
    """The cards of an attempt just submitted: only its own answers, so it stays cheap."""
    report = cards_from_attempt(attempt, get_catalog(), utcnow())
    if report.created or report.reviewed:
        db.session.commit()


def cards_from_lesson_done(learner_id: int, lesson_id: str) -> None:
    """New cards of the key terms of a lesson just marked done."""
    if glossary_cards(learner_id, get_catalog()):
        db.session.commit()


def init_app(app: Flask) -> None:
    add_hook(app, SUBMITTED, cards_from_submitted)
    add_hook(app, LESSON_DONE, cards_from_lesson_done)
    add_hook(app, MERGING, move_review)
    add_hook(app, ACCOUNT_DATA, review_data)
