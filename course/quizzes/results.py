"""After submitting: each question, the answer given and, where the review shows it, the key."""

from dataclasses import dataclass
from typing import Any

from flask_babel import force_locale
from markupsafe import Markup

from course.content.catalog import Catalog, Question
from course.content.question_types import QUESTION_TYPES
from course.quizzes.models import Answer, Attempt
from course.quizzes.questions import attempt_questions
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
    number: int = 0  # its number in the attempt, from 1
    notes: tuple[str, ...] = ()  # how it was scored, where correctness is shown

    @property
    def status(self) -> str:
        if not self.answered:
            return "unanswered"
        if self.points is None:
            return "answered"
        if self.points >= self.question.points:
            return "correct"
        return "partial" if self.points > 0 else "wrong"

    @property
    def is_mistake(self) -> bool:
        """Wrong, partly right or unanswered, as far as its review shows."""
        return self.status in MISTAKES


MISTAKES = frozenset({"wrong", "partial", "unanswered"})


def question_results(
    attempt: Attempt, catalog: Catalog, lang: str, review: Review
) -> list[QuestionResult]:
    answers: dict[str, Any] = {a.question_id: a for a in attempt.answers}
    with force_locale(lang):
        return [
            question_result(question, answers.get(question.id), lang, review, number=n)
            for n, question in enumerate(attempt_questions(attempt, catalog), 1)
        ]


def question_result(
    question: Question, answer: Answer | None, lang: str, review: Review, number: int = 0
) -> QuestionResult:
    """One question's result, with what `review` shows of it (call with `lang`'s locale in
    force, or see question_results)."""
    shows = review.shows_for
    question_type = QUESTION_TYPES[question.type]
    correctness = shows("correctness", question.id)
    # A review card answered with nothing is stored without a value: a wrong answer.
    given = answer.value if answer else None
    return QuestionResult(
        question=question,
        points=((answer.score or 0.0) if answer else 0.0) if correctness else None,
        answered=answer is not None,
        value=answer.value if answer else None,
        given=question_type.describe(question.data, given, lang) if given is not None else [],
        key=question_type.describe_key(question.data, lang) if shows("key", question.id) else None,
        explained=shows("explanations", question.id),
        number=number,
        notes=tuple(question_type.scoring_notes(question.data, given, lang))
        if given is not None and correctness
        else (),
    )


def only_mistakes(results: list[QuestionResult], review: Review) -> list[QuestionResult] | None:
    """The mistakes among the results; None where the review shows of no question whether it
    was right (an open assignment may hold every one back)."""
    if not review.shows("correctness") or all(r.points is None for r in results):
        return None
    return [r for r in results if r.is_mistake]


def mistakes_to_practise(results: list[QuestionResult], review: Review) -> list[str]:
    """The IDs of the questions to practise again, in the attempt's order (none: not offered):
    the mistakes, but none whose key an open assignment holds back (a score would tell it)."""
    mistakes = only_mistakes(results, review) or ()
    return [r.question.id for r in mistakes if r.question.id not in review.held_back]
