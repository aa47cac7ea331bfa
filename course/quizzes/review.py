"""What a learner may see of a submitted attempt, and when: the one place that decides.

The result page, the API, old attempts' pages and the instructor's view all ask `review_of`.
Two things hold a part back: the attempt's own review options (its assignment's, or its quiz's
for practice), and, for the key, an assignment still open to the learner that contains the
question, whatever attempt it appears in (practice of the same quiz, the final exam, …).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from course.content.catalog import Catalog, Quiz
from course.content.review_options import AFTER_CLOSE, AFTER_DUE, IMMEDIATELY, ReviewOptions
from course.quizzes.models import Attempt
from course.quizzes.rules import AttemptRules, rules_for, rules_source

PARTS = ReviewOptions.parts()
# Parts that give a question's key away: held back while an assignment containing it is open.
KEY_PARTS = frozenset({"correctness", "key", "explanations"})


@dataclass(frozen=True)
class Review:
    """What one viewer sees of one attempt now, and when each hidden part will show."""

    shown: frozenset[str]
    shows_at: dict[str, datetime | None]  # each hidden part: when it will show (None: never)
    held_back: frozenset[str] = frozenset()  # questions whose key an open assignment keeps

    def shows(self, part: str) -> bool:
        return part in self.shown

    def shows_for(self, part: str, question_id: str) -> bool:
        """A part of one question's review: shown, and not held back for that question."""
        return self.shows(part) and not (part in KEY_PARTS and question_id in self.held_back)

    @property
    def hidden(self) -> dict[str, datetime | None]:
        return {part: self.shows_at[part] for part in PARTS if part not in self.shown}


FULL_REVIEW = Review(shown=frozenset(PARTS), shows_at={})


def review_of(
    attempt: Attempt, quiz: Quiz, now: datetime, *, for_instructor: bool = False
) -> Review:
    """What the attempt's learner (or, with `for_instructor`, their instructor) sees now."""
    if for_instructor:
        return FULL_REVIEW
    if not attempt.is_submitted:
        return Review(shown=frozenset(), shows_at=dict.fromkeys(PARTS))
    rules = rules_for(attempt, quiz)
    submitted = attempt.submitted_dt
    shows_at = {part: shown_from(getattr(rules.review, part), rules, submitted) for part in PARTS}
    shown = frozenset(part for part, at in shows_at.items() if at is not None and at <= now)
    held_back = rules_source().hidden_keys(attempt.learner_id, now) & set(attempt.question_ids)
    return Review(shown, shows_at, held_back)


def shown_from(when: str, rules: AttemptRules, submitted: datetime) -> datetime | None:
    """The moment a part set to show `when` becomes visible; None if it never does."""
    if when == IMMEDIATELY:
        return submitted
    if when == AFTER_DUE:
        return rules.due_dt
    if when == AFTER_CLOSE:
        # Late work accepted without a closing date: the assignment never closes.
        return rules.closes_dt
    return None


def with_scores_shown(
    attempts: Iterable[Attempt], catalog: Catalog, now: datetime
) -> list[Attempt]:
    """The attempts whose score their learner may see now: summaries leave the others out."""
    rules_of: dict[tuple[int | None, str], AttemptRules] = {}
    shown = []
    for attempt in attempts:
        quiz = catalog.quizzes.get(attempt.quiz_id)
        if quiz is None:
            continue
        made_for = (attempt.assignment_id, quiz.id)
        if made_for not in rules_of:
            rules_of[made_for] = rules_for(attempt, quiz)
        rules = rules_of[made_for]
        at = shown_from(rules.review.score, rules, attempt.submitted_dt)
        if at is not None and at <= now:
            shown.append(attempt)
    return shown
