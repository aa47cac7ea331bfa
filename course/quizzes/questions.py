"""An attempt's questions (drawn at its start) and its stored answers."""

import random
from typing import Any

from course.content.catalog import Catalog, Question
from course.quizzes.models import Attempt


def attempt_questions(attempt: Attempt, catalog: Catalog) -> list[Question]:
    """The attempt's questions that still exist in the course."""
    return [catalog.questions[i] for i in attempt.question_ids if i in catalog.questions]


def stored_answers(attempt: Attempt) -> dict[str, Any]:
    return {a.question_id: a.value for a in attempt.answers}


def draw_questions(pool: list[Question], count: int, rng: random.Random) -> list[str]:
    """`count` questions at random, never two that test the same fact."""
    shuffled = pool[:]
    rng.shuffle(shuffled)
    drawn: list[Question] = []
    for question in shuffled:
        if len(drawn) == count:
            break
        if not any(_overlap(question, other) for other in drawn):
            drawn.append(question)
    return [q.id for q in drawn]


def _overlap(first: Question, second: Question) -> bool:
    return second.id in first.overlaps or first.id in second.overlaps
