"""The rules of attempts made for assignments, as the quiz code asks for them."""

from datetime import datetime

from flask import Flask
from sqlalchemy import bindparam, select

from course.classes.exceptions import student_exception
from course.classes.models import Assignment, Enrollment
from course.content.access import get_catalog
from course.content.paging import DEFAULT_PER_PAGE, per_page_of
from course.content.review_options import ASSIGNMENT_REVIEW
from course.extensions import db
from course.learners.models import Learner
from course.quizzes.models import Attempt
from course.quizzes.review import shown_from
from course.quizzes.rules import RULES_SOURCE, AttemptRules


def assignment_rules(assignment: Assignment, user_id: int | None) -> AttemptRules:
    """The assignment's rules for one student, their extra time included."""
    quiz = get_catalog().quizzes.get(assignment.quiz_id)
    per_page = quiz.per_page if quiz else DEFAULT_PER_PAGE
    if assignment.per_page:
        per_page = per_page_of(assignment.per_page)
    limit = assignment.time_limit_minutes
    exception = student_exception(assignment.id, user_id) if limit and user_id else None
    if exception and exception.extra_minutes:
        limit += exception.extra_minutes
    return AttemptRules(
        review=assignment.review,
        due_dt=assignment.due_dt,
        closes_dt=assignment.effective_closes_dt,
        time_limit_minutes=limit,
        per_page=per_page,
    )


# Built once: the Review page, the menu's count and every review of an attempt ask for them.
# What holds a key back: the quiz, when the key shows, and the dates it may show from.
_LEARNERS_KEY_DATES = (
    select(
        Assignment.quiz_id,
        Assignment.review_key,
        Assignment.due_dt,
        Assignment.effective_closes_dt,
    )
    .join(Enrollment, Enrollment.class_id == Assignment.class_id)
    .join(Learner, Learner.user_id == Enrollment.user_id)
    .where(Learner.id == bindparam("learner_id"))
)


class AssignmentRules:
    """The source of rules that the app registers for the quiz code (see quizzes.rules)."""

    def for_attempt(self, attempt: Attempt) -> AttemptRules | None:
        row = db.session.execute(
            select(Assignment, Learner.user_id)
            .join(Learner, Learner.id == attempt.learner_id)
            .where(Assignment.id == attempt.assignment_id)
        ).first()
        return assignment_rules(*row) if row else None

    def hidden_keys(self, learner_id: int, now: datetime) -> frozenset[str]:
        """The questions of every assignment of the learner's classes whose key they may not
        see yet, from the day it is set until its review shows the key (or it closes for good,
        if its key is never shown)."""
        rows = db.session.execute(_LEARNERS_KEY_DATES, {"learner_id": learner_id})
        catalog = get_catalog()
        hidden: set[str] = set()
        for quiz_id, review_key, due_dt, closes_dt in rows:
            quiz = catalog.quizzes.get(quiz_id)
            if quiz is not None and _keeps_key(review_key, due_dt, closes_dt, now):
                hidden.update(q.id for q in catalog.question_pool(quiz))
        return frozenset(hidden)


def shows_from(assignment: Assignment, part: str) -> datetime | None:
    """When a part of the review of the assignment's attempts shows (None: never), for every
    attempt alike: a part shown immediately shows from the start."""
    when = getattr(assignment, f"review_{part}")
    return _shows_from(when, assignment.due_dt, assignment.effective_closes_dt)


def _shows_from(when: str, due_dt: datetime, closes_dt: datetime | None) -> datetime | None:
    rules = AttemptRules(review=ASSIGNMENT_REVIEW, due_dt=due_dt, closes_dt=closes_dt)
    return shown_from(when, rules, datetime.min)


def _keeps_key(
    review_key: str, due_dt: datetime, closes_dt: datetime | None, now: datetime
) -> bool:
    shown = _shows_from(review_key, due_dt, closes_dt)
    if shown is None:  # never shown: kept while an attempt can still be made
        return closes_dt is None or now < closes_dt
    return now < shown


def init_app(app: Flask) -> None:
    app.extensions[RULES_SOURCE] = AssignmentRules()
