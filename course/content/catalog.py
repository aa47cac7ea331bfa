"""The course as loaded from files: immutable, shared by every request."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from course.content.citations import Citation
from course.content.paging import DEFAULT_PER_PAGE
from course.content.review_options import ASSIGNMENT_REVIEW, PRACTICE_REVIEW, ReviewOptions

Localized = Mapping[str, str]
LocalizedHtml = Mapping[str, Markup]


@dataclass(frozen=True)
class Source:
    id: str
    author: str
    cite_as: Localized
    year: int
    title: str
    translated_title: Localized
    publication: Localized
    date: str
    language: str
    paragraphs: int
    not_content: frozenset[int]
    digests: Mapping[int, Localized]

    def has_paragraph(self, number: int) -> bool:
        return 1 <= number <= self.paragraphs

    def content_paragraphs(self) -> list[int]:
        return [n for n in range(1, self.paragraphs + 1) if n not in self.not_content]


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: Localized
    definition: Localized
    citations: tuple[Citation, ...]
    sources_html: LocalizedHtml


@dataclass(frozen=True)
class TimelineEvent:
    id: str
    date: str
    event: LocalizedHtml
    citations: tuple[Citation, ...]
    note: LocalizedHtml | None
    sources_html: LocalizedHtml
    is_outside_context: bool = False


@dataclass(frozen=True)
class LessonText:
    """A lesson in one language."""

    title: str
    objectives: tuple[Markup, ...]
    summary: Markup
    body: Markup
    word_count: int


@dataclass(frozen=True)
class Lesson:
    id: str
    module_id: str
    key_terms: tuple[str, ...]
    texts: Mapping[str, LessonText]
    citations: frozenset[Citation]


@dataclass(frozen=True)
class Module:
    id: str
    title: Localized
    description: Localized
    lesson_ids: tuple[str, ...]
    quiz_id: str | None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    quiz_id: str
    lesson_id: str
    points: float
    citations: tuple[Citation, ...]
    sources_html: LocalizedHtml
    prompt: LocalizedHtml
    explanation: LocalizedHtml
    data: Mapping[str, Any]
    # Questions that test the same fact: an exam never draws two of them together.
    overlaps: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Quiz:
    id: str
    kind: str  # "practice" or "exam"
    module_id: str | None
    title: Localized
    pass_mark: float  # percent
    question_ids: tuple[str, ...]
    draw: int | None
    draw_from: tuple[str, ...]
    time_limit_minutes: int | None = None
    review: ReviewOptions = PRACTICE_REVIEW  # what an attempt outside an assignment shows
    assignment_review: ReviewOptions = ASSIGNMENT_REVIEW  # where a new assignment starts from
    per_page: int | None = DEFAULT_PER_PAGE  # questions a page of an attempt shows; None: all

    @property
    def is_exam(self) -> bool:
        return self.kind == "exam"


@dataclass(frozen=True)
class Catalog:
    sources: Mapping[str, Source]
    glossary: Mapping[str, GlossaryTerm]
    timeline: tuple[TimelineEvent, ...]
    modules: Mapping[str, Module]
    lessons: Mapping[str, Lesson]
    quizzes: Mapping[str, Quiz]
    questions: Mapping[str, Question]
    final_exam_id: str | None

    def lessons_citing(self, source_id: str, paragraph: int) -> list[Lesson]:
        citation = Citation(source_id, paragraph)
        return [lesson for lesson in self.lessons.values() if citation in lesson.citations]

    def module_lessons(self, module_id: str) -> list[Lesson]:
        return [self.lessons[i] for i in self.modules[module_id].lesson_ids]

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        """The previous and next lesson inside the lesson's module."""
        ids = self.modules[lesson.module_id].lesson_ids
        index = ids.index(lesson.id)
        previous = self.lessons[ids[index - 1]] if index > 0 else None
        following = self.lessons[ids[index + 1]] if index + 1 < len(ids) else None
        return previous, following

    def question_pool(self, quiz: Quiz) -> list[Question]:
        """The questions an attempt at this quiz may contain."""
        if not quiz.draw:
            return [self.questions[i] for i in quiz.question_ids]
        sources = (
            [q.id for q in self.module_quizzes()] if "all" in quiz.draw_from else quiz.draw_from
        )
        return [self.questions[i] for q in sources for i in self.quizzes[q].question_ids]

    def module_quizzes(self) -> list[Quiz]:
        return [self.quizzes[m.quiz_id] for m in self.modules.values() if m.quiz_id]

    def extra_quizzes(self) -> list[Quiz]:
        """Quizzes of no module that are not the final exam: more practice, in file order."""
        return [
            q for q in self.quizzes.values() if q.module_id is None and q.id != self.final_exam_id
        ]

    def all_quizzes(self) -> list[Quiz]:
        final = [self.quizzes[self.final_exam_id]] if self.final_exam_id else []
        return self.module_quizzes() + final
