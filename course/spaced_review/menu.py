"""The count of cards due today, after "Review" in the main menu of every page.

The menu is rendered once per language and role, and some pages once for every visitor (see
course.shared_pages): it leaves a place for the count, which each response fills in for its
own learner. A visitor without a learner costs no query.
"""

from flask import Flask, Response, g
from flask_babel import ngettext
from markupsafe import Markup
from sqlalchemy.exc import InterfaceError, OperationalError

from course.content.access import get_catalog
from course.database import database_unreachable
from course.extensions import db
from course.i18n import get_timezone
from course.learners.current import reading_learner
from course.shared_pages import PART
from course.spaced_review.due import due_counts
from course.timeutil import utcnow

REVIEW_COUNT = "review-count"  # the place the menu leaves (personal_part in _navigation.html)
_PLACE = PART.format(REVIEW_COUNT).encode()
_COUNT = Markup(
    '<span class="due-count" aria-hidden="true"> ({count})</span>'
    '<span class="visually-hidden">: {label}</span>'
)


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
        return due_counts(learner.id, get_catalog(), utcnow(), get_timezone()).total
    except (OperationalError, InterfaceError) as exc:
        if not database_unreachable(exc):
            raise
        db.session.rollback()
        return 0


def count_html(count: int) -> Markup:
    """ "(7)" to see, "7 cards due today" to hear; nothing when nothing is due."""
    if not count:
        return Markup()
    label = ngettext("%(num)d card due today", "%(num)d cards due today", count)
    return _COUNT.format(count=count, label=label)


def fill_review_count(response: Response) -> Response:
    if response.direct_passthrough or response.mimetype != "text/html":
        return response
    page = response.get_data()
    if _PLACE in page:
        response.set_data(page.replace(_PLACE, str(count_html(due_today())).encode()))
    return response


def init_app(app: Flask) -> None:
    app.after_request(fill_review_count)
