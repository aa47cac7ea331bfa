"""The course: modules, lessons, and the reference pages (glossary, timeline, sources)."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _

from course.content.access import get_catalog, get_lesson_or_404, get_module_or_404
from course.forms import ActionForm
from course.learners.current import current_learner, reading_learner
from course.progress.learners import (
    completed_lesson_ids,
    learner_progress,
    mark_lesson_done,
)
from course.shared_pages import render_page

bp = Blueprint("lessons", __name__, template_folder="templates")


@bp.get("/")
def index():
    catalog = get_catalog()
    learner = reading_learner()
    progress = learner_progress(learner, catalog)
    return render_page(
        "lessons/index.html", personal=learner is not None, catalog=catalog, progress=progress
    )


@bp.get("/modules/<module_id>")
def module(module_id: str):
    module = get_module_or_404(module_id)
    catalog = get_catalog()
    learner = reading_learner()
    progress = learner_progress(learner, catalog)
    module_progress = next(m for m in progress.modules if m.module.id == module.id)
    return render_page(
        "lessons/module.html", personal=learner is not None, module=module, progress=module_progress
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
