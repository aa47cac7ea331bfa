"""Review options: which parts of a submitted attempt a learner sees, and from when."""

from dataclasses import dataclass, fields
from functools import cache

IMMEDIATELY, AFTER_DUE, AFTER_CLOSE, NEVER = "immediately", "after_due", "after_close", "never"
REVIEW_TIMES = (IMMEDIATELY, AFTER_DUE, AFTER_CLOSE, NEVER)
# Outside an assignment there is no due date and no closing: a part is shown or it is not.
PRACTICE_TIMES = (IMMEDIATELY, NEVER)


@dataclass(frozen=True)
class ReviewOptions:
    """For each part of the review, when it is shown (one of REVIEW_TIMES)."""

    score: str = IMMEDIATELY
    correctness: str = IMMEDIATELY  # which answers were right or wrong
    key: str = IMMEDIATELY  # the right answers
    explanations: str = IMMEDIATELY  # the explanations with their sources

    @classmethod
    @cache
    def parts(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


PRACTICE_REVIEW = ReviewOptions()
EXAM_REVIEW = ReviewOptions(correctness=IMMEDIATELY, key=NEVER, explanations=NEVER)
# An assignment: the score at once, the rest once no late or further attempt is possible.
ASSIGNMENT_REVIEW = ReviewOptions(
    correctness=AFTER_CLOSE, key=AFTER_CLOSE, explanations=AFTER_CLOSE
)
