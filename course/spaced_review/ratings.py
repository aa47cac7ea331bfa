"""How an answer rates its card: wrong Again, partial Hard, right Good, or Easy when quick."""

import fsrs

from course.content.catalog import Question
from course.content.question_types import QUESTION_TYPES


def rating_for_answer(question: Question, score: float, duration_ms: int | None) -> fsrs.Rating:
    """The rating of an answer that earned `score` points of the question's, in `duration_ms`
    (None: not measured, never quick)."""
    if score <= 0:
        return fsrs.Rating.Again
    if score < question.points:
        return fsrs.Rating.Hard
    quick_ms = QUESTION_TYPES[question.type].quick_seconds * 1000
    if duration_ms is not None and duration_ms <= quick_ms:
        return fsrs.Rating.Easy
    return fsrs.Rating.Good
