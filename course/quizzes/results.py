"""After submitting: each question, the answer given and, where the review shows it, the key."""

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from course.content.catalog import Catalog, Question
from course.content.question_types import QUESTION_TYPES
from course.quizzes.attempts import attempt_questions
from course.quizzes.models import Attempt
from course.quizzes.review import Review


@dataclass(frozen=True)
class QuestionResult:
    """One question of a submitted attempt, with only what its review shows."""

    question: Question
    points: float | None  # None: whether it was right is not shown
    answered: bool
    value: Any  # the stored answer, None if unanswered
    given: list[Markup]
    key: list[Markup] | None  # None: the right answer is not shown
    explained: bool  # the explanation and its sources are shown

    @property
    def status(self) -> str:
        if not self.answered:
            return "unanswered"
        if self.points is None:
            return "answered"
        if self.points >= self.question.points:
            return "correct"
        return "partial" if self.points > 0 else "wrong"


def question_results(
    attempt: Attempt, catalog: Catalog, lang: str, review: Review
) -> list[QuestionResult]:
    answers: dict[str, Any] = {a.question_id: a for a in attempt.answers}
    results = []
    for question in attempt_questions(attempt, catalog):
        question_type = QUESTION_TYPES[question.type]
        answer = answers.get(question.id)
        given = question_type.describe(question.data, answer.value, lang) if answer else []
        shows = review.shows_for
        results.append(
            QuestionResult(
                question=question,
                points=((answer.score or 0.0) if answer else 0.0)
                if shows("correctness", question.id)
                else None,
                answered=answer is not None,
                value=answer.value if answer else None,
                given=given,
                key=question_type.describe_key(question.data, lang)
                if shows("key", question.id)
                else None,
                explained=shows("explanations", question.id),
            )
        )
    return results
