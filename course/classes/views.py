"""Instructors: classes, their rosters and join codes, and assignments."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from course.classes.access import require_instructor, taught_class_or_404
from course.classes.forms import AssignmentForm, ClassForm
from course.classes.models import Assignment, Class
from course.classes.reports.gradebook import last_activity
from course.classes.rosters import (
    class_assignments,
    create_class,
    regenerate_code,
    remove_student,
    roster,
    taught_classes,
)
from course.content.access import get_catalog
from course.content.catalog import Catalog
from course.content.review_options import ASSIGNMENT_REVIEW, ReviewOptions
from course.extensions import db
from course.forms import ActionForm
from course.i18n import get_locale
from course.timeutil import local_to_utc, utc_to_local

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
    if not form.is_submitted():
        form.target.data = request.args.get("target")
        _fill_review(form, _content_review(catalog, form.target.data))
    if form.validate_on_submit():
        db.session.add(assignment_from_form(form, klass.id, catalog))
        db.session.commit()
        return _saved(form, klass, _("Assignment created."))
    return render_template("classes/assignment_form.html", klass=klass, form=form)


@bp.route(
    "/teaching/classes/<id:class_id>/assignments/<id:assignment_id>/edit", methods=["GET", "POST"]
)
def edit_assignment(class_id: int, assignment_id: int):
    klass = taught_class_or_404(class_id)
    assignment = class_assignment_or_404(klass, assignment_id)
    form = AssignmentForm(data=_form_data(assignment))
    del form.target  # what is assigned stays: attempts were made at it
    if form.validate_on_submit():
        apply_form(assignment, form)
        db.session.commit()
        return _saved(form, klass, _("Assignment saved."))
    return render_template(
        "classes/assignment_form.html", klass=klass, form=form, assignment=assignment
    )


def class_assignment_or_404(klass: Class, assignment_id: int) -> Assignment:
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.class_id != klass.id:
        abort(404)
    return assignment


def _saved(form: AssignmentForm, klass: Class, message: str):
    flash(message, "success")
    if form.means_never():
        flash(
            _(
                "Late work is accepted and there is no closing date: what is shown “after the "
                "assignment closes” will never be shown. Add a closing date to change that."
            ),
            "warning",
        )
    return redirect(url_for("classes.detail", class_id=klass.id))


def _content_review(catalog: Catalog, target: str | None) -> ReviewOptions:
    """Where the review options of a new assignment start: the chosen quiz's defaults."""
    kind, _sep, target_id = (target or "").partition(":")
    if kind == "module" and target_id in catalog.modules:
        target_id = catalog.modules[target_id].quiz_id or ""
    quiz = catalog.quizzes.get(target_id)
    return quiz.assignment_review if quiz else ASSIGNMENT_REVIEW


def _fill_review(form: AssignmentForm, review: ReviewOptions) -> None:
    for part in review.parts():
        form[f"review_{part}"].data = getattr(review, part)


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
    assignment = Assignment(class_id=class_id, module_id=module_id, quiz_id=quiz_id)
    apply_form(assignment, form)
    return assignment


def apply_form(assignment: Assignment, form: AssignmentForm) -> None:
    """The dates (entered in the instructor's zone), limits, grading and review of the form."""
    timezone = current_user.timezone
    assignment.opens_dt = local_to_utc(form.opens.data, timezone)
    assignment.due_dt = local_to_utc(form.due.data, timezone)
    assignment.closes_dt = local_to_utc(form.closes.data, timezone) if form.closes.data else None
    assignment.max_attempts = form.max_attempts.data
    assignment.is_late_accepted = form.is_late_accepted.data
    assignment.time_limit_minutes = form.time_limit_minutes.data
    assignment.grading_method = form.grading_method.data
    assignment.per_page = form.per_page.data or None
    assignment.review = ReviewOptions(
        **{p: form[f"review_{p}"].data for p in ReviewOptions.parts()}
    )


def _form_data(assignment: Assignment) -> dict:
    """The assignment as the form shows it: dates in the instructor's zone."""
    timezone = current_user.timezone
    local = {"opens": assignment.opens_dt, "due": assignment.due_dt, "closes": assignment.closes_dt}
    data = {name: utc_to_local(at, timezone) if at else None for name, at in local.items()}
    fields = ("max_attempts", "is_late_accepted", "time_limit_minutes", "grading_method")
    data.update({name: getattr(assignment, name) for name in fields})
    data["per_page"] = assignment.per_page or ""
    data.update({f"review_{p}": getattr(assignment, f"review_{p}") for p in ReviewOptions.parts()})
    return data
