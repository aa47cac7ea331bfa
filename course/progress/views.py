"""The learner's own progress page."""

from flask import Blueprint, render_template

from course.content.access import get_catalog
from course.learners.current import current_learner
from course.progress.learners import learner_progress

bp = Blueprint("progress", __name__, template_folder="templates")


@bp.get("/progress")
def overview():
    catalog = get_catalog()
    progress = learner_progress(current_learner(create=False), catalog)
    return render_template("progress/overview.html", progress=progress, catalog=catalog)
