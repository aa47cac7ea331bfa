"""What a learner sees after submitting: each question, their answer and the right one."""

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from course.content.catalog import Catalog, Question
from course.quizzes.attempts import attempt_questions
from course.quizzes.models import Attempt
from course.quizzes.question_types import QUESTION_TYPES


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    points: float
    answered: bool
    value: Any  # the stored answer, None if unanswered
    given: list[Markup]
    key: list[Markup]

    @property
    def status(self) -> str:
        if not self.answered:
            return "unanswered"
        if self.points >= self.question.points:
            return "correct"
        return "partial" if self.points > 0 else "wrong"


def question_results(attempt: Attempt, catalog: Catalog, lang: str) -> list[QuestionResult]:
    answers: dict[str, Any] = {a.question_id: a for a in attempt.answers}
    results = []
    for question in attempt_questions(attempt, catalog):
        question_type = QUESTION_TYPES[question.type]
        answer = answers.get(question.id)
        given = question_type.describe(question.data, answer.value, lang) if answer else []
        results.append(
            QuestionResult(
                question=question,
                points=(answer.score or 0.0) if answer else 0.0,
                answered=answer is not None,
                value=answer.value if answer else None,
                given=given,
                key=question_type.describe_key(question.data, lang),
            )
        )
    return results
