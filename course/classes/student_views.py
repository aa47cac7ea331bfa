"""Students: joining a class with a code or a link, and their assignments."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from course.classes.assignments import student_assignment, student_assignments
from course.classes.forms import JoinForm
from course.classes.models import Assignment
from course.classes.rosters import class_by_code, join_class, joined_classes
from course.classes.rules import assignment_rules
from course.content.access import get_catalog
from course.database import reads_first
from course.extensions import db
from course.forms import ActionForm
from course.learners.current import current_learner
from course.quizzes.attempts import (
    announce_submitted,
    lock_learners_attempts,
    resume_attempt,
    start_attempt,
)
from course.quizzes.models import Attempt
from course.timeutil import utcnow

bp = Blueprint("enrollment", __name__, template_folder="templates")


def _require_sign_in():
    if not current_user.is_authenticated:
        flash(_("Please sign in or register first."), "info")
        return redirect(url_for("accounts.login", next=request.path))
    return None


@bp.route("/classes", methods=["GET", "POST"])
def classes():
    if (redirect_to_login := _require_sign_in()) is not None:
        return redirect_to_login
    form = JoinForm()
    if form.validate_on_submit():
        klass = class_by_code(form.code.data)
        if klass is None:
            form.code.errors.append(_("No class has this code. Check it with your instructor."))
        else:
            return _join(klass)
    return render_template(
        "classes/student_classes.html", classes=joined_classes(current_user.id), form=form
    )


@bp.route("/join/<code>", methods=["GET", "POST"])
def join_link(code: str):
    klass = class_by_code(code)
    if klass is None:
        abort(404)
    if (redirect_to_login := _require_sign_in()) is not None:
        return redirect_to_login
    form = ActionForm()
    if form.validate_on_submit():
        return _join(klass)
    return render_template("classes/join.html", klass=klass, form=form)


def _join(klass):
    if join_class(klass, current_user):
        flash(_("You joined the class “%(name)s”.", name=klass.name), "success")
    else:
        flash(_("You are already in the class “%(name)s”.", name=klass.name), "info")
    return redirect(url_for("enrollment.assignments"))


@bp.get("/assignments")
def assignments():
    if (redirect_to_login := _require_sign_in()) is not None:
        return redirect_to_login
    learner = current_learner(create=False)
    items = student_assignments(current_user.id, learner.id if learner else None)
    return render_template(
        "classes/assignments.html",
        items=items,
        now=utcnow(),
        catalog=get_catalog(),
        form=ActionForm(),
    )


@bp.post("/assignments/<id:assignment_id>/start")
@reads_first
def start(assignment_id: int):
    if not current_user.is_authenticated:
        abort(404)
    learner = current_learner()
    lock_learners_attempts(learner.id)  # the attempts counted below stay as counted
    catalog = get_catalog()
    assignment = db.session.get(Assignment, assignment_id)
    quiz = catalog.quizzes.get(assignment.quiz_id) if assignment else None
    if quiz is None:
        abort(404)
    rules = assignment_rules(assignment, current_user.id)
    # An unfinished attempt goes on; one whose time is up is submitted and counted first.
    attempt, timed_out = resume_attempt(learner.id, quiz, catalog, rules, assignment_id)
    if attempt is None:
        item = student_assignment(current_user.id, learner.id, assignment_id)
        if item is None:
            abort(404)
        if (refusal := item.refusal(utcnow())) is not None:
            db.session.commit()
            _announce(timed_out)
            flash(refusal, "error")
            return redirect(url_for("enrollment.assignments"))
        attempt = start_attempt(learner.id, quiz, catalog, rules, assignment_id)
        _announce(timed_out)
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


def _announce(timed_out: Attempt | None) -> None:
    if timed_out is not None:
        announce_submitted(timed_out)
