"""Instructors: classes, their rosters and join codes, and assignments."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from course.catalog_access import get_catalog
from course.classes.access import require_instructor, taught_class_or_404
from course.classes.forms import AssignmentForm, ClassForm
from course.classes.gradebook import last_activity
from course.classes.models import Assignment
from course.classes.rosters import (
    class_assignments,
    create_class,
    regenerate_code,
    remove_student,
    roster,
    taught_classes,
)
from course.content.catalog import Catalog
from course.extensions import db
from course.forms import ActionForm
from course.i18n import get_locale
from course.timeutil import local_to_utc

bp = Blueprint("classes", __name__, template_folder="templates")


@bp.route("/teaching", methods=["GET", "POST"])
def index():
    require_instructor()
    form = ClassForm(default_lang=get_locale())
    if form.validate_on_submit():
        klass = create_class(
            current_user, form.name.data, form.description.data, form.default_lang.data
        )
        flash(_("Class created. Share its join code or link with your students."), "success")
        return redirect(url_for("classes.detail", class_id=klass.id))
    classes = taught_classes(current_user.id)
    return render_template("classes/index.html", classes=classes, form=form)


@bp.get("/teaching/classes/<id:class_id>")
def detail(class_id: int):
    klass = taught_class_or_404(class_id)
    return render_template(
        "classes/detail.html",
        klass=klass,
        students=roster(klass.id),
        assignments=class_assignments(klass.id),
        activity=last_activity(klass.id),
        catalog=get_catalog(),
        form=ActionForm(),
    )


@bp.post("/teaching/classes/<id:class_id>/code")
def new_code(class_id: int):
    klass = taught_class_or_404(class_id)
    regenerate_code(klass)
    flash(_("A new join code was made; the old one no longer works."), "success")
    return redirect(url_for("classes.detail", class_id=klass.id))


@bp.post("/teaching/classes/<id:class_id>/students/<id:user_id>/remove")
def remove(class_id: int, user_id: int):
    klass = taught_class_or_404(class_id)
    remove_student(klass, user_id)
    flash(_("The student was removed from the class. Their work is kept."), "success")
    return redirect(url_for("classes.detail", class_id=klass.id))


@bp.route("/teaching/classes/<id:class_id>/assignments/new", methods=["GET", "POST"])
def new_assignment(class_id: int):
    klass = taught_class_or_404(class_id)
    catalog = get_catalog()
    form = AssignmentForm()
    form.target.choices = assignment_targets(catalog)
    if form.validate_on_submit():
        db.session.add(assignment_from_form(form, klass.id, catalog))
        db.session.commit()
        flash(_("Assignment created."), "success")
        return redirect(url_for("classes.detail", class_id=klass.id))
    return render_template("classes/assignment_form.html", klass=klass, form=form)


def assignment_targets(catalog: Catalog) -> list[SelectChoice]:
    lang = get_locale()
    targets = [SelectChoice(f"module:{m.id}", m.title[lang]) for m in catalog.modules.values()]
    if catalog.final_exam_id:
        exam = catalog.quizzes[catalog.final_exam_id]
        targets.append(SelectChoice(f"exam:{exam.id}", exam.title[lang]))
    return targets


def assignment_from_form(form: AssignmentForm, class_id: int, catalog: Catalog) -> Assignment:
    kind, _sep, target_id = form.target.data.partition(":")
    module_id = target_id if kind == "module" else None
    quiz_id = catalog.modules[target_id].quiz_id if module_id else target_id
    timezone = current_user.timezone
    return Assignment(
        class_id=class_id,
        module_id=module_id,
        quiz_id=quiz_id,
        opens_dt=local_to_utc(form.opens.data, timezone),
        due_dt=local_to_utc(form.due.data, timezone),
        max_attempts=form.max_attempts.data,
        is_late_accepted=form.is_late_accepted.data,
    )
