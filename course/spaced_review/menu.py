"""The count of cards due today, after "Review" in the main menu of every page.

The menu is rendered once per language and role, and some pages once for every visitor (see
course.shared_pages): it leaves a place for the count, which each response fills in for its
own learner. A visitor without a learner costs no query.

Working the count out reads the learner's cards and the assignments of their classes, so the
browser's session keeps it for a few minutes (to the end of the learner's day at most). Any
request that may change the cards forgets it: every one that is not a read, and any that
writes a card (a quiz timed out and submitted while its page was opened, say). What changes
elsewhere (another device, an instructor's new assignment) shows within those minutes.
"""

from datetime import UTC, datetime, timedelta

from flask import Flask, Response, g, has_request_context, request, session
from flask_babel import ngettext
from markupsafe import Markup
from sqlalchemy import event
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from course.content.access import get_catalog
from course.database import READING_METHODS, database_unreachable
from course.extensions import db
from course.i18n import get_timezone
from course.learners.current import reading_learner
from course.shared_pages import PART
from course.spaced_review.due import due_counts, end_of_local_day
from course.spaced_review.models import ReviewCard
from course.timeutil import utcnow

REVIEW_COUNT = "review-count"  # the place the menu leaves (personal_part in _navigation.html)
_PLACE = PART.format(REVIEW_COUNT).encode()
_COUNT = Markup(
    '<span class="due-count" aria-hidden="true"> ({count})</span>'
    '<span class="visually-hidden">: {label}</span>'
)
KEPT_FOR = timedelta(minutes=5)
KEPT = "review_due"  # in the session: [learner ID, time zone, count, kept until (POSIX seconds)]


def remember_due_today(count: int) -> None:
    """The count a page worked out already (the Review page's): the menu takes it from there."""
    g.review_due_today = count


def due_today() -> int:
    """How many cards the request's learner has due today; 0 while the database is away."""
    if "review_due_today" in g:
        return g.review_due_today
    try:
        learner = reading_learner()
        if learner is None:
            return 0
        now, timezone = utcnow(), get_timezone()
        kept = _kept_count(learner.id, timezone, now)
        if kept is not None:
            return kept
        count = due_counts(learner.id, get_catalog(), now, timezone).total
    except (OperationalError, InterfaceError) as exc:
        if not database_unreachable(exc):
            raise
        db.session.rollback()
        return 0
    _keep(learner.id, timezone, count, now)
    return count


def count_html(count: int) -> Markup:
    """ "(7)" to see, "7 cards due today" to hear; nothing when nothing is due."""
    if not count:
        return Markup()
    label = ngettext("%(num)d card due today", "%(num)d cards due today", count)
    return _COUNT.format(count=count, label=label)


def fill_review_count(response: Response) -> Response:
    is_stale = request.method not in READING_METHODS or g.pop("review_cards_written", False)
    if is_stale and KEPT in session:  # a session left alone sends no cookie again
        session.pop(KEPT)
    if response.direct_passthrough or response.mimetype != "text/html":
        return response
    page = response.get_data()
    if _PLACE in page:
        response.set_data(page.replace(_PLACE, str(count_html(due_today())).encode()))
    return response


def _kept_count(learner_id: int, timezone: str, now: datetime) -> int | None:
    kept = session.get(KEPT)
    if not isinstance(kept, list) or len(kept) != 4:
        return None  # none kept, or a cookie of another shape
    kept_learner, kept_timezone, count, until = kept
    is_valid = (
        kept_learner == learner_id
        and kept_timezone == timezone
        and isinstance(count, int)
        and isinstance(until, int | float)
        and _posix(now) < until
    )
    return count if is_valid else None


def _keep(learner_id: int, timezone: str, count: int, now: datetime) -> None:
    until = min(now + KEPT_FOR, end_of_local_day(now, timezone))
    session[KEPT] = [learner_id, timezone, count, _posix(until)]


def _posix(moment: datetime) -> float:
    return moment.replace(tzinfo=UTC).timestamp()  # stored times are naive UTC


@event.listens_for(Session, "after_flush")
def _note_cards_written(flushed: Session, _context) -> None:
    if not has_request_context():
        return
    changed = (*flushed.new, *flushed.dirty, *flushed.deleted)
    if any(isinstance(row, ReviewCard) for row in changed):
        g.review_cards_written = True


def init_app(app: Flask) -> None:
    app.after_request(fill_review_count)
