"""A learner's lessons done, and their progress through the course."""

from sqlalchemy import select

from course.content.catalog import Catalog
from course.extensions import db
from course.hooks import hooks
from course.learners.models import Learner
from course.progress.models import LessonCompletion
from course.progress.summary import CourseProgress, summarize
from course.quizzes.attempts import submitted_attempts
from course.quizzes.in_progress import open_attempts


def completed_lesson_ids(learner_id: int) -> set[str]:
    query = select(LessonCompletion.lesson_id).where(LessonCompletion.learner_id == learner_id)
    return set(db.session.scalars(query))


# Called with (learner ID, lesson ID) once a lesson is newly marked done and committed.
LESSON_DONE = "progress.lesson_done"


def mark_lesson_done(learner_id: int, lesson_id: str) -> None:
    if lesson_id not in completed_lesson_ids(learner_id):
        db.session.add(LessonCompletion(learner_id=learner_id, lesson_id=lesson_id))
        db.session.commit()
        for handler in hooks(LESSON_DONE):
            handler(learner_id, lesson_id)


def learner_progress(learner: Learner | None, catalog: Catalog) -> CourseProgress:
    if learner is None:
        return summarize(catalog, (), ())
    return summarize(
        catalog,
        completed_lesson_ids(learner.id),
        submitted_attempts(learner.id),
        open_attempts(learner.id),
    )
