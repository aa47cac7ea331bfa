"""Instructors adjust one student's assignment: extra time or attempts, a grade set by hand."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

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


@bp.post(PAGE + "/exception")
def exception(class_id: int, assignment_id: int, user_id: int):
    klass, assignment, student = _student_assignment_or_404(class_id, assignment_id, user_id)
    form = ExceptionForm(prefix="exception")
    if _clearing(form):
        clear_exception(assignment.id, student.id)
        flash(_("The exception was removed."), "success")
    elif form.validate_on_submit():
        set_exception(assignment.id, student.id, form.extra_minutes.data, form.extra_attempts.data)
        flash(_("The exception was saved."), "success")
    else:
        return _page(klass, assignment, student, exception_form=form), 400
    return redirect(url_for("reports.gradebook", class_id=klass.id))


@bp.post(PAGE + "/override")
def override(class_id: int, assignment_id: int, user_id: int):
    klass, assignment, student = _student_assignment_or_404(class_id, assignment_id, user_id)
    form = OverrideForm(prefix="override")
    if _clearing(form):
        clear_override(assignment.id, student.id)
        flash(_("The grade set by hand was removed: the computed grade counts again."), "success")
    elif form.validate_on_submit():
        percent = float(form.percent.data)
        set_override(assignment.id, student.id, percent, form.comment.data, current_user.id)
        flash(_("The grade was set by hand."), "success")
    else:
        return _page(klass, assignment, student, override_form=form), 400
    return redirect(url_for("reports.gradebook", class_id=klass.id))


def _clearing(form: ExceptionForm | OverrideForm) -> bool:
    """The "remove" button: the other fields need not be valid, the CSRF token must."""
    return form.is_submitted() and form.clear.data and form.csrf_token.validate(form)


def _page(klass: Class, assignment: Assignment, student: User, **forms):
    exception = student_exception(assignment.id, student.id)
    override = grade_override(assignment.id, student.id)
    exception_form = forms.get("exception_form") or ExceptionForm(
        None, prefix="exception", obj=exception
    )
    override_form = forms.get("override_form") or OverrideForm(
        None, prefix="override", obj=override
    )
    return render_template(
        "classes/adjust.html",
        klass=klass,
        assignment=assignment,
        student=student,
        exception=exception,
        override=override,
        exception_form=exception_form,
        override_form=override_form,
    )
