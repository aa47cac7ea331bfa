"""The rules of an attempt, decided by its caller: practice, or an assignment of a class.

The quiz code never asks the classes package; the app registers a source of rules for attempts
made for an assignment (see `course.classes.rules`), and practice attempts follow their quiz.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from flask import current_app

from course.content.catalog import Quiz
from course.content.paging import DEFAULT_PER_PAGE
from course.content.review_options import ReviewOptions
from course.quizzes.models import Attempt


@dataclass(frozen=True)
class AttemptRules:
    review: ReviewOptions
    due_dt: datetime | None = None  # submitted after it: late
    closes_dt: datetime | None = None  # no attempt starts after it, none runs past it
    time_limit_minutes: int | None = None
    per_page: int | None = DEFAULT_PER_PAGE  # questions on each page of an attempt; None: all

    def deadline(self, started: datetime) -> datetime | None:
        """When an attempt started at `started` must end: its time limit or the closing."""
        ends = [self.closes_dt] if self.closes_dt else []
        if self.time_limit_minutes:
            ends.append(started + timedelta(minutes=self.time_limit_minutes))
        return min(ends, default=None)

    def is_late(self, submitted: datetime) -> bool:
        return self.due_dt is not None and submitted > self.due_dt


def practice_rules(quiz: Quiz) -> AttemptRules:
    return AttemptRules(
        review=quiz.review, time_limit_minutes=quiz.time_limit_minutes, per_page=quiz.per_page
    )


class RulesSource(Protocol):
    """Where the rules of attempts made for assignments come from."""

    def for_attempt(self, attempt: Attempt) -> AttemptRules | None:
        """The rules of an attempt made for an assignment (None if it no longer exists)."""

    def hidden_keys(self, learner_id: int, now: datetime) -> frozenset[str]:
        """Questions whose key this learner may not see yet, anywhere: they are assigned."""


class NoAssignments:
    def for_attempt(self, attempt: Attempt) -> AttemptRules | None:
        return None

    def hidden_keys(self, learner_id: int, now: datetime) -> frozenset[str]:
        return frozenset()


RULES_SOURCE = "attempt_rules"  # the key in app.extensions


def rules_source() -> RulesSource:
    return current_app.extensions.get(RULES_SOURCE) or NoAssignments()


def rules_for(attempt: Attempt, quiz: Quiz) -> AttemptRules:
    """The rules an attempt was made under: its assignment's, else its quiz's for practice."""
    if attempt.assignment_id is not None:
        if (rules := rules_source().for_attempt(attempt)) is not None:
            return rules
    return practice_rules(quiz)
