"""Practise my mistakes: a new attempt made of the questions a learner got wrong in another.

It is an attempt of its own kind (AttemptKind.MISTAKES): it counts for no progress, grade or
item analysis (see COUNTED), is for no assignment and has no time limit (see rules_for).
Its questions are those the source attempt's review shows as wrong or partly right, and those
left unanswered; none whose key an open assignment holds back (its result would give it away).
"""

import random

from course.content.catalog import Catalog
from course.extensions import db
from course.languages import DEFAULT_LANGUAGE
from course.quizzes.attempts import lock_learners_attempts, open_attempt
from course.quizzes.models import Attempt, AttemptKind
from course.quizzes.results import mistakes_to_practise, question_results
from course.quizzes.review import review_of
from course.timeutil import utcnow

_system_random = random.SystemRandom()


def source_mistakes(source: Attempt, catalog: Catalog) -> list[str]:
    """The questions to practise from a submitted attempt, as its learner may see it now."""
    if not source.is_submitted:
        return []
    review = review_of(source, catalog.quizzes[source.quiz_id], utcnow())
    return mistakes_to_practise(question_results(source, catalog, DEFAULT_LANGUAGE, review), review)


def start_mistakes_attempt(learner_id: int, source: Attempt, catalog: Catalog) -> Attempt | None:
    """A mistakes attempt at the source's quiz, or None if it had no mistakes to practise.

    The learner's unfinished mistakes attempt at that quiz goes on if it has the same questions;
    one with other questions (from an older result) gives way to the new one.
    """
    question_ids = source_mistakes(source, catalog)
    if not question_ids:
        return None
    lock_learners_attempts(learner_id)
    existing = open_attempt(learner_id, source.quiz_id, kind=AttemptKind.MISTAKES)
    if existing is not None and existing.question_ids == question_ids:
        return existing
    if existing is not None:
        db.session.delete(existing)
    attempt = Attempt(
        learner_id=learner_id,
        quiz_id=source.quiz_id,
        kind=AttemptKind.MISTAKES,
        started_dt=utcnow(),
        seed=_system_random.randrange(2**31),
        question_ids=question_ids,
        max_score=sum(catalog.questions[i].points for i in question_ids),
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt
