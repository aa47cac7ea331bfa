"""Lesson completion as a report: which lessons each student of a class has done, and when."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select

from course.accounts.models import User
from course.classes.models import Enrollment
from course.classes.queries import class_learner_ids, plain_rows
from course.classes.reports.cells import Fragment, student_column
from course.classes.reports.report import Column, Report
from course.content.catalog import Catalog, Lesson
from course.extensions import db
from course.learners.models import Learner
from course.progress.models import LessonCompletion
from course.templating import when

DONE = Fragment(
    '<span class="badge badge-done">✓ {done}</span><br><span class="meta">{when}</span>'
)
NOT_DONE = Fragment('—<span class="visually-hidden"> {text}</span>')
COUNT = Fragment("{done}/{total}")


@dataclass(frozen=True, slots=True)
class LessonRow:
    name: str
    email: str
    completed: dict[str, datetime]  # lesson → when the student completed it


def lesson_rows(class_id: int, catalog: Catalog) -> list[LessonRow]:
    """The class's students by name, with the lessons of the course they have completed."""
    completed: dict[int, dict[str, datetime]] = defaultdict(dict)
    for learner_id, lesson_id, completed_dt in plain_rows(
        select(
            LessonCompletion.learner_id, LessonCompletion.lesson_id, LessonCompletion.completed_dt
        ).where(LessonCompletion.learner_id.in_(class_learner_ids(class_id)))
    ):
        if lesson_id in catalog.lessons:
            completed[learner_id][lesson_id] = completed_dt
    students = db.session.execute(
        select(User.name, User.email, Learner.id)
        .join(Enrollment, Enrollment.user_id == User.id)
        .outerjoin(Learner, Learner.user_id == User.id)
        .where(Enrollment.class_id == class_id)
        .order_by(func.lower(User.name), User.id)
    )
    return [
        LessonRow(name, email, completed.get(learner_id, {}))
        for name, email, learner_id in students
    ]


def course_lessons(catalog: Catalog) -> list[Lesson]:
    """Every lesson, module by module, in the course's order."""
    return [catalog.lessons[i] for module in catalog.modules.values() for i in module.lesson_ids]


def lessons_report(rows: list[LessonRow], catalog: Catalog, lang: str) -> Report[LessonRow]:
    lessons = course_lessons(catalog)
    module_titles = {m.id: m.title[lang] for m in catalog.modules.values()}
    total = len(lessons)
    columns = [
        student_column(),
        Column(
            key="done",
            label=_("Lessons done"),
            value=lambda row: len(row.completed),
            html=lambda done: COUNT(done=done, total=total),
            csv_headers=(_("Lessons done"),),
            csv=lambda done: (done,),
            sort=lambda done: done,
        ),
    ]
    columns += [_lesson_column(lesson, module_titles[lesson.module_id], lang) for lesson in lessons]
    return Report(columns, rows, default_sort="name")


def _lesson_column(lesson: Lesson, module_title: str, lang: str) -> Column[LessonRow]:
    done, not_done = _("done"), _("not done")

    def html(completed_dt: datetime | None) -> Markup:
        if completed_dt is None:
            return NOT_DONE(text=not_done)
        return DONE(done=done, when=when(completed_dt))

    title = lesson.texts[lang].title
    return Column(
        key=f"l-{lesson.id}",
        label=title,
        value=lambda row: row.completed.get(lesson.id),
        html=html,
        csv_headers=(_("%(lesson)s: completed", lesson=title),),
        csv=lambda completed_dt: (when(completed_dt),),
        sort=lambda completed_dt: completed_dt or datetime.min,
        meta=module_title,
    )
