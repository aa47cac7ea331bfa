"""Instructors adjust one student's assignment: extra time or attempts, a grade set by hand."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from course.accounts.models import User
from course.classes.access import taught_class_or_404
from course.classes.exceptions import clear_exception, set_exception, student_exception
from course.classes.forms import ExceptionForm, OverrideForm
from course.classes.models import Assignment, Class
from course.classes.overrides import clear_override, grade_override, set_override
from course.classes.rosters import is_enrolled
from course.extensions import db

bp = Blueprint("grading", __name__, template_folder="templates")

PAGE = "/teaching/classes/<id:class_id>/assignments/<id:assignment_id>/students/<id:user_id>"


@dataclass(frozen=True)
class Adjustment:
    """One thing an instructor adjusts for a student: its form, and how to save or clear it."""

    form: type[FlaskForm]
    save: Callable[[FlaskForm, int, int], object]  # (form, assignment ID, user ID)
    clear: Callable[[int, int], None]
    saved: str
    cleared: str


ADJUSTMENTS = {
    "exception": Adjustment(
        ExceptionForm,
        lambda form, a, u: set_exception(a, u, form.extra_minutes.data, form.extra_attempts.data),
        clear_exception,
        _l("The exception was saved."),
        _l("The exception was removed."),
    ),
    "override": Adjustment(
        OverrideForm,
        lambda form, a, u: set_override(
            a, u, float(form.percent.data), form.comment.data, current_user.id
        ),
        clear_override,
        _l("The grade was set by hand."),
        _l("The grade set by hand was removed: the computed grade counts again."),
    ),
}


def _student_assignment_or_404(class_id: int, assignment_id: int, user_id: int):
    klass = taught_class_or_404(class_id)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.class_id != klass.id or not is_enrolled(klass.id, user_id):
        abort(404)
    return klass, assignment, db.session.get(User, user_id)


@bp.get(PAGE)
def adjust(class_id: int, assignment_id: int, user_id: int):
    klass, assignment, student = _student_assignment_or_404(class_id, assignment_id, user_id)
    return _page(klass, assignment, student)


@bp.post(PAGE + "/exception", defaults={"kind": "exception"})
@bp.post(PAGE + "/override", defaults={"kind": "override"})
def change(class_id: int, assignment_id: int, user_id: int, kind: str):
    klass, assignment, student = _student_assignment_or_404(class_id, assignment_id, user_id)
    adjustment = ADJUSTMENTS[kind]
    form = adjustment.form(prefix=kind)
    if form.is_submitted() and form.clear.data and form.csrf_token.validate(form):
        adjustment.clear(assignment.id, student.id)  # the other fields need not be valid
        flash(str(adjustment.cleared), "success")
    elif form.validate_on_submit():
        adjustment.save(form, assignment.id, student.id)
        flash(str(adjustment.saved), "success")
    else:
        return _page(klass, assignment, student, **{kind: form}), 400
    return redirect(url_for("reports.gradebook", class_id=klass.id))


def _page(klass: Class, assignment: Assignment, student: User, **forms: FlaskForm):
    exception = student_exception(assignment.id, student.id)
    override = grade_override(assignment.id, student.id)
    stored = {"exception": exception, "override": override}
    for kind, adjustment in ADJUSTMENTS.items():
        if kind not in forms:  # not the one posted: as stored, never from the request
            forms[kind] = adjustment.form(None, prefix=kind, obj=stored[kind])
    return render_template(
        "classes/adjust.html",
        klass=klass,
        assignment=assignment,
        student=student,
        exception=exception,
        override=override,
        exception_form=forms["exception"],
        override_form=forms["override"],
    )
