"""A learner's progress through the course, derived from completions and submitted attempts."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from course.content.catalog import Catalog, Lesson, Module
from course.quizzes.in_progress import OpenAttempt
from course.quizzes.models import Attempt, AttemptKind
from course.quizzes.status import QuizStatus


@dataclass(frozen=True)
class ModuleProgress:
    module: Module
    lessons: tuple[Lesson, ...]
    done_lesson_ids: frozenset[str]
    quiz: QuizStatus | None

    @property
    def lessons_done(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.id in self.done_lesson_ids)

    @property
    def steps(self) -> int:
        return len(self.lessons) + (1 if self.quiz else 0)

    @property
    def steps_done(self) -> int:
        return self.lessons_done + (1 if self.quiz and self.quiz.is_passed else 0)

    @property
    def percent(self) -> float:
        return 100 * self.steps_done / self.steps if self.steps else 0.0

    @property
    def next_lesson(self) -> Lesson | None:
        return next((x for x in self.lessons if x.id not in self.done_lesson_ids), None)


@dataclass(frozen=True)
class CourseProgress:
    modules: tuple[ModuleProgress, ...]
    final_exam: QuizStatus | None
    done_lesson_ids: frozenset[str] = field(default_factory=frozenset)
    # Unfinished attempts of every kind, the latest worked on first.
    open_attempts: tuple[OpenAttempt, ...] = ()

    @property
    def percent(self) -> float:
        steps = sum(m.steps for m in self.modules) + (1 if self.final_exam else 0)
        done = sum(m.steps_done for m in self.modules)
        done += 1 if self.final_exam and self.final_exam.is_passed else 0
        return 100 * done / steps if steps else 0.0

    @property
    def next_lesson(self) -> Lesson | None:
        """The first lesson not done yet, in the course's order."""
        return next((m.next_lesson for m in self.modules if m.next_lesson), None)

    def open_attempt(self, quiz_id: str | None = None) -> OpenAttempt | None:
        """The latest unfinished attempt (at this quiz, of any kind)."""
        return next(
            (o for o in self.open_attempts if quiz_id is None or o.attempt.quiz_id == quiz_id),
            None,
        )

    def quiz_status(self, quiz_id: str) -> QuizStatus | None:
        statuses = [m.quiz for m in self.modules if m.quiz] + [self.final_exam]
        return next((s for s in statuses if s and s.quiz.id == quiz_id), None)


def summarize(
    catalog: Catalog,
    done_lesson_ids: Iterable[str],
    attempts: Iterable[Attempt],
    open_attempts: Iterable[OpenAttempt] = (),
) -> CourseProgress:
    """Progress from plain facts: which lessons are done, which attempts were submitted, and
    which are still open."""
    done = frozenset(done_lesson_ids)
    unfinished = tuple(open_attempts)
    # A quiz's status tells of its latest open quiz attempt (not of practice of mistakes).
    open_by_quiz: dict[str, OpenAttempt] = {}
    for item in unfinished:
        if item.attempt.kind == AttemptKind.QUIZ:
            open_by_quiz.setdefault(item.attempt.quiz_id, item)
    by_quiz: dict[str, list[Attempt]] = {}
    for attempt in sorted(attempts, key=lambda a: a.submitted_dt):
        by_quiz.setdefault(attempt.quiz_id, []).append(attempt)

    def status(quiz_id: str | None) -> QuizStatus | None:
        if not quiz_id or quiz_id not in catalog.quizzes:
            return None
        return QuizStatus(
            catalog.quizzes[quiz_id], tuple(by_quiz.get(quiz_id, ())), open_by_quiz.get(quiz_id)
        )

    modules = tuple(
        ModuleProgress(
            module, tuple(catalog.module_lessons(module.id)), done, status(module.quiz_id)
        )
        for module in catalog.modules.values()
    )
    return CourseProgress(modules, status(catalog.final_exam_id), done, unfinished)
