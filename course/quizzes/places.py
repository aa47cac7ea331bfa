"""Where a request is in an attempt: its pages, the page and question asked for, their URLs.

The attempt pages' views and the summary share these; the paging itself is course.quizzes.paging.
"""

import math
from collections.abc import Iterable

from flask import request, url_for

from course.content.access import get_catalog
from course.content.catalog import Question
from course.quizzes.attempts import attempt_questions
from course.quizzes.models import Attempt
from course.quizzes.paging import Pages
from course.quizzes.rules import rules_for
from course.timeutil import utcnow

# The query parameter (and hidden field) of the learner's choice of one question at a time.
ONE_AT_A_TIME = "one"


def one_at_a_time() -> bool:
    return request.values.get(ONE_AT_A_TIME) == "1"


def attempt_pages(attempt: Attempt, one: bool | None = None) -> Pages:
    """The attempt's pages: as its rules say, or one question a page if the learner chose so."""
    if one if one is not None else one_at_a_time():
        return Pages(attempt.question_ids, 1)
    quiz = get_catalog().quizzes[attempt.quiz_id]
    return Pages(attempt.question_ids, rules_for(attempt, quiz).per_page)


def questions_of(attempt: Attempt, question_ids: Iterable[str]) -> list[Question]:
    catalog, wanted = get_catalog(), set(question_ids)
    return [q for q in attempt_questions(attempt, catalog) if q.id in wanted]


def sent_ids(attempt: Attempt, form) -> list[str]:
    """The questions the page showed (every one, from a page that does not say)."""
    shown = set(form.getlist("on_page"))
    return [q for q in attempt.question_ids if q in shown] or list(attempt.question_ids)


def question_id_in(attempt: Attempt, value: str | None) -> str | None:
    return value if value in attempt.question_ids else None


def place_url(attempt: Attempt, page: int, question_id: str | None, one: bool, **extra) -> str:
    """The URL of a page of the attempt, scrolled to a question if one is given."""
    anchor = f"q-{question_id}" if question_id else None
    args = {"page": page} if page > 1 else {}  # page 1 is the attempt's own address
    if one:
        args[ONE_AT_A_TIME] = 1
    return url_for("quizzes.attempt", attempt_id=attempt.id, _anchor=anchor, **args, **extra)


def seconds_left(attempt: Attempt) -> int | None:
    """Whole seconds to the deadline, rounded up: the page's countdown ends at or after it."""
    if attempt.deadline_dt is None:
        return None
    return max(0, math.ceil((attempt.deadline_dt - utcnow()).total_seconds()))
