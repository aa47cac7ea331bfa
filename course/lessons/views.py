"""The course: modules, lessons, and the reference pages (glossary, timeline, sources)."""

import math

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from course.content.access import get_catalog, get_lesson_or_404, get_module_or_404
from course.content.catalog import Catalog
from course.forms import ActionForm
from course.learners.current import current_learner, reading_learner
from course.lessons.previews import preview_text
from course.progress.learners import (
    completed_lesson_ids,
    learner_progress,
    mark_lesson_done,
)
from course.progress.summary import CourseProgress, ModuleProgress
from course.quizzes.in_progress import OpenAttempt
from course.shared_pages import render_page
from course.timeutil import utcnow

bp = Blueprint("lessons", __name__, template_folder="templates")
bp.add_app_template_filter(preview_text, "preview")


@bp.get("/")
def index():
    catalog = get_catalog()
    learner = reading_learner()
    progress = learner_progress(learner, catalog)
    return render_page(
        "lessons/index.html",
        personal=learner is not None,
        parts={"continue": lambda: _continue(catalog, progress.open_attempt(), progress)},
        catalog=catalog,
        progress=progress,
    )


@bp.get("/modules/<module_id>")
def module(module_id: str):
    module = get_module_or_404(module_id)
    catalog = get_catalog()
    learner = reading_learner()
    progress = learner_progress(learner, catalog)
    module_progress = next(m for m in progress.modules if m.module.id == module.id)
    unfinished = progress.open_attempt(module.quiz_id) if module.quiz_id else None
    return render_page(
        "lessons/module.html",
        personal=learner is not None,
        parts={"continue": lambda: _continue(catalog, unfinished, module_progress)},
        module=module,
        progress=module_progress,
    )


def _continue(
    catalog: Catalog, unfinished: OpenAttempt | None, progress: CourseProgress | ModuleProgress
) -> str:
    """Where to go on: the open attempt, else the next lesson (rendered for each visitor)."""
    left = unfinished.time_left(utcnow()) if unfinished else None
    return render_template(
        "lessons/_continue.html",
        catalog=catalog,
        unfinished=unfinished,
        minutes_left=math.ceil(left.total_seconds() / 60) if left is not None else None,
        next_lesson=progress.next_lesson,
        has_started=bool(progress.done_lesson_ids),
    )


@bp.get("/lessons/<lesson_id>")
def lesson(lesson_id: str):
    lesson = get_lesson_or_404(lesson_id)
    catalog = get_catalog()
    previous, following = catalog.neighbours(lesson)
    learner = reading_learner()
    return render_page(
        "lessons/lesson.html",
        personal=learner is not None,
        lesson=lesson,
        module=catalog.modules[lesson.module_id],
        previous=previous,
        following=following,
        is_done=learner is not None and lesson.id in completed_lesson_ids(learner.id),
        glossary=catalog.glossary,
        form=ActionForm(),
    )


@bp.post("/lessons/<lesson_id>/done")
def mark_done(lesson_id: str):
    lesson = get_lesson_or_404(lesson_id)
    mark_lesson_done(current_learner().id, lesson.id)
    flash(_("Lesson marked as done."), "success")
    _previous, following = get_catalog().neighbours(lesson)
    if following:
        return redirect(url_for("lessons.lesson", lesson_id=following.id))
    return redirect(url_for("lessons.module", module_id=lesson.module_id))


@bp.get("/glossary")
def glossary():
    return render_page("lessons/glossary.html", catalog=get_catalog())


@bp.get("/timeline")
def timeline():
    return render_page("lessons/timeline.html", catalog=get_catalog())


@bp.get("/sources")
def sources():
    return render_page("lessons/sources.html", catalog=get_catalog())
