"""Where a learner stands on one quiz: their submitted attempts, the best, whether passed."""

from dataclasses import dataclass

from course.content.catalog import Quiz
from course.quizzes.in_progress import OpenAttempt
from course.quizzes.models import Attempt


@dataclass(frozen=True)
class QuizStatus:
    quiz: Quiz
    attempts: tuple[Attempt, ...] = ()
    open: OpenAttempt | None = None  # an unfinished attempt, if the learner has one

    @property
    def best(self) -> Attempt | None:
        return max(self.attempts, key=lambda a: (a.score or 0, a.submitted_dt), default=None)

    @property
    def latest(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def is_passed(self) -> bool:
        return any(a.is_passed for a in self.attempts)
