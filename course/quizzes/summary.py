"""The summary a result opens with: the score by lesson, to know what to reread, and the time.

Plain functions of an attempt's results: no request, no database.
"""

from dataclasses import dataclass
from datetime import timedelta

from babel.units import format_unit

from course.content.catalog import Catalog, Lesson
from course.quizzes.models import Attempt
from course.quizzes.results import QuestionResult, mistakes_to_practise, only_mistakes
from course.quizzes.review import Review


@dataclass(frozen=True)
class LessonScore:
    """The questions of one lesson in an attempt whose correctness is shown, and their points."""

    lesson: Lesson
    points: float
    max_points: float
    questions: int
    mistakes: int  # wrong, partly right or unanswered

    @property
    def percent(self) -> float:
        return 100 * self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class ResultSummary:
    """What a result opens with, besides the score: each part only where the review shows it."""

    lessons: list[LessonScore]  # none where correctness is not shown
    time_taken: timedelta | None
    mistakes: list[QuestionResult] | None  # None: which were right is not shown
    to_practise: list[str]  # question IDs for "practise my mistakes"; none: not offered


def result_summary(
    attempt: Attempt, results: list[QuestionResult], review: Review, catalog: Catalog
) -> ResultSummary:
    return ResultSummary(
        lessons=lesson_scores(results, catalog),
        time_taken=time_taken(attempt),
        mistakes=only_mistakes(results, review),
        to_practise=mistakes_to_practise(results, review),
    )


def lesson_scores(results: list[QuestionResult], catalog: Catalog) -> list[LessonScore]:
    """The score by lesson, weakest first (then in course order), counting only questions whose
    correctness the review shows: a lesson's score must not give away one held back."""
    order = {lesson_id: n for n, lesson_id in enumerate(_course_order(catalog))}
    by_lesson: dict[str, list[QuestionResult]] = {}
    for result in results:
        if result.points is not None and result.question.lesson_id in catalog.lessons:
            by_lesson.setdefault(result.question.lesson_id, []).append(result)
    rows = [
        LessonScore(
            lesson=catalog.lessons[lesson_id],
            points=round(sum(r.points or 0.0 for r in rows), 4),
            max_points=sum(r.question.points for r in rows),
            questions=len(rows),
            mistakes=sum(1 for r in rows if r.is_mistake),
        )
        for lesson_id, rows in by_lesson.items()
    ]
    return sorted(rows, key=lambda row: (row.percent, order.get(row.lesson.id, len(order))))


def _course_order(catalog: Catalog) -> list[str]:
    return [lesson_id for module in catalog.modules.values() for lesson_id in module.lesson_ids]


def time_taken(attempt: Attempt) -> timedelta | None:
    """From its start to its submission; None while it runs."""
    if attempt.submitted_dt is None:
        return None
    return max(timedelta(0), attempt.submitted_dt - attempt.started_dt)


def format_duration(duration: timedelta, lang: str) -> str:
    """A duration to the second, its largest units first: "1 hr 5 min", "12 phút 30 giây"."""
    seconds = round(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        format_unit(value, unit, length="short", locale=lang)
        for value, unit in (
            (hours, "duration-hour"),
            (minutes, "duration-minute"),
            (seconds, "duration-second"),
        )
        if value
    ]
    return " ".join(parts) or format_unit(0, "duration-second", length="short", locale=lang)
