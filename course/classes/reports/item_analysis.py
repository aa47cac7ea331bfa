"""Item analysis: how each question behaves over a class's attempts, overall and per language.

Facility is the share of the available points earned. Discrimination is the correlation of the
item score with the rest of the test (the attempt's score without this item). A question whose
facility in one language differs from the others by at least FLAG_GAP, with at least
MIN_PER_LANGUAGE answers on each side, is flagged as a likely translation problem.
"""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import StatisticsError, correlation
from typing import Any

from sqlalchemy import Text, case, cast, func, select

from course.classes.queries import graded_attempts, plain_rows
from course.content.catalog import Question, Quiz
from course.content.question_types import QUESTION_TYPES
from course.quizzes.models import Answer, Attempt

FLAG_GAP = 0.2
MIN_PER_LANGUAGE = 3
MODES = ("first", "best", "all")

# A submitted attempt as item analysis chooses among them: (attempt ID, student, score).
Scored = tuple[int, int, float]


@dataclass(frozen=True)
class AttemptRecord:
    """What item analysis needs of one submitted attempt."""

    attempt_id: int
    student_id: int  # the student's learner ID
    score: float
    # Every question asked → (value, language, points); unanswered ones are (None, "", 0.0).
    # The value is the answer's stored JSON text where item analysis counts the options chosen
    # (see counts_options), None elsewhere.
    answers: dict[str, tuple[str | None, str, float]]


@dataclass(frozen=True)
class ItemStats:
    question: Question
    responses: int
    facility: float | None
    discrimination: float | None
    option_counts: Counter
    by_language: dict[str, tuple[int, float | None]] = field(default_factory=dict)
    flagged_language: str | None = None


def choose_attempts(attempts: Iterable[Scored], mode: str) -> list[Scored]:
    """Each student's first or best attempt (the first of equals), or all of them, of
    attempts in the order they were submitted."""
    if mode == "all":
        return list(attempts)
    chosen: dict[int, Scored] = {}
    for attempt in attempts:
        _attempt_id, student_id, score = attempt
        current = chosen.get(student_id)
        if current is None or (mode == "best" and score > current[2]):
            chosen[student_id] = attempt
    return list(chosen.values())


def analyse(questions: list[Question], records: list[AttemptRecord]) -> list[ItemStats]:
    # Each question's answers, and beside them the scores of their attempts.
    answers: dict[str, list[tuple[Any, str, float]]] = defaultdict(list)
    scores: dict[str, list[float]] = defaultdict(list)
    for record in records:
        for question_id, answer in record.answers.items():
            answers[question_id].append(answer)
            scores[question_id].append(record.score)
    return [_item_stats(q, answers[q.id], scores[q.id]) for q in questions]


def _item_stats(
    question: Question, answers: list[tuple[Any, str, float]], scores: list[float]
) -> ItemStats:
    """The statistics of a question from its answers and the scores of their attempts."""
    if not answers:
        return ItemStats(question, 0, None, None, Counter())
    chosen, langs, item = zip(*answers, strict=True)
    rest = [score - points for score, points in zip(scores, item, strict=True)]
    by_language: dict[str, list[float]] = defaultdict(list)
    for lang, points in zip(langs, item, strict=True):
        if lang:
            by_language[lang].append(points / question.points)
    language_stats = {
        lang: (len(values), sum(values) / len(values)) for lang, values in by_language.items()
    }
    return ItemStats(
        question=question,
        responses=len(item),
        facility=sum(item) / (question.points * len(item)),
        discrimination=_correlation(item, rest),
        option_counts=_option_counts(question, chosen),
        by_language=language_stats,
        flagged_language=_flag(by_language),
    )


def _correlation(item: Sequence[float], rest: Sequence[float]) -> float | None:
    if len(item) < 3:
        return None
    try:
        return correlation(item, rest)
    except StatisticsError:  # one of them does not vary
        return None


def _option_counts(question: Question, values: Iterable[str | None]) -> Counter:
    """How often each option was chosen, as the question's type reads the stored answers.

    Answers are counted by their stored JSON text, which is hashable whatever the answer (a
    matching's or a cloze's is an object): hundreds of students give the same few answers, so
    each distinct one is decoded and handed to the type once.
    """
    counts: Counter = Counter()
    if not counts_options(question):
        return counts
    question_type = QUESTION_TYPES[question.type]
    for text, times in Counter(values).items():
        if text:
            for option in question_type.options_chosen(question.data, json.loads(text)):
                counts[option] += times
    return counts


def counts_options(question: Question) -> bool:
    return bool(QUESTION_TYPES[question.type].analysis_options(question.data))


def _flag(by_language: dict[str, list[float]]) -> str | None:
    """The language whose facility stands apart from the others' (the harder one on a tie)."""
    candidates = []
    for lang, values in by_language.items():
        others = [v for other, vs in by_language.items() if other != lang for v in vs]
        if len(values) < MIN_PER_LANGUAGE or len(others) < MIN_PER_LANGUAGE:
            continue
        facility = sum(values) / len(values)
        gap = abs(facility - sum(others) / len(others))
        if gap >= FLAG_GAP:
            candidates.append((round(gap, 9), -facility, lang))
    return max(candidates)[2] if candidates else None


def class_attempt_records(
    class_id: int, quiz: Quiz, questions: list[Question], mode: str = "all"
) -> list[AttemptRecord]:
    """The submitted attempts of the class's students at this quiz that `mode` chooses (see
    choose_attempts), with their answers: three queries, the last two for the chosen only.
    Answers keep their value where item analysis counts the options chosen."""
    attempts = plain_rows(
        select(Attempt.id, Attempt.learner_id, func.coalesce(Attempt.score, 0.0))
        .where(*graded_attempts(class_id), Attempt.quiz_id == quiz.id)
        .order_by(Attempt.submitted_dt, Attempt.id)
    )
    chosen = choose_attempts(attempts, mode)
    if not chosen:
        return []
    attempt_ids = [attempt_id for attempt_id, _student_id, _score in chosen]
    asked = dict(
        plain_rows(select(Attempt.id, Attempt.question_ids).where(Attempt.id.in_(attempt_ids)))
    )
    given = _answers(attempt_ids, [q.id for q in questions if counts_options(q)])
    unanswered = (None, "", 0.0)
    records = []
    for a, student, score in chosen:
        answers = given.get(a, {})
        records.append(
            AttemptRecord(a, student, score, {q: answers.get(q, unanswered) for q in asked[a]})
        )
    return records


def _answers(attempt_ids: list[int], counted_ids: list[str]) -> dict[int, dict[str, tuple]]:
    """attempt → question → (value, language, points). Only the values of the questions whose
    options are counted are read, as their stored JSON text."""
    text = case((Answer.question_id.in_(counted_ids), cast(Answer.value, Text)))
    rows = plain_rows(
        select(Answer.attempt_id, Answer.question_id, text, Answer.lang, Answer.score).where(
            Answer.attempt_id.in_(attempt_ids)
        )
    )
    answers: dict[int, dict[str, tuple]] = defaultdict(dict)
    for attempt_id, question_id, value, lang, score in rows:
        answers[attempt_id][question_id] = (value, lang, score or 0.0)
    return answers
