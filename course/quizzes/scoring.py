"""Scoring: pure functions of a question and an answer, no request or database needed."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from course.content.catalog import Question
from course.content.question_types import QUESTION_TYPES


def score_answer(question: Question, answer: Any) -> float:
    """Points earned, always within [0, question.points]."""
    if answer is None:
        return 0.0
    fraction = QUESTION_TYPES[question.type].score(question.data, answer)
    return round(question.points * min(1.0, max(0.0, fraction)), 4)


def answer_problem(question: Question, answer: Any, lang: str) -> str | None:
    """Why an answer cannot be submitted as it is (an ambiguous number, say)."""
    if answer is None:
        return None
    return QUESTION_TYPES[question.type].problem(question.data, answer, lang)


@dataclass(frozen=True)
class Grade:
    score: float
    max_score: float
    per_question: Mapping[str, float]

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0

    def is_passed(self, pass_mark: float) -> bool:
        return self.percent + 1e-9 >= pass_mark


def grade(questions: list[Question], answers: Mapping[str, Any]) -> Grade:
    per_question = {q.id: score_answer(q, answers.get(q.id)) for q in questions}
    return Grade(
        score=round(sum(per_question.values()), 4),
        max_score=sum(q.points for q in questions),
        per_question=per_question,
    )
