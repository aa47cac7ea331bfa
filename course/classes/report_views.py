"""Instructors' reports: the gradebook (and its CSV), item analysis, and students' attempts."""

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _

from course.classes.access import taught_class_or_404
from course.classes.display import Figures, GradebookLinks, assignment_title, gradebook_rows
from course.classes.gradebook import GRADE, Gradebook, StudentRow, build_gradebook
from course.classes.item_analysis import MODES, analyse, class_attempt_records
from course.classes.labels import GRADING_LABELS
from course.classes.models import Assignment, Enrollment
from course.content.access import get_catalog, get_quiz_or_404
from course.csvexport import csv_response
from course.extensions import db
from course.i18n import get_locale
from course.learners.models import Learner
from course.quizzes.models import Attempt
from course.quizzes.results import question_results
from course.quizzes.review import review_of
from course.templating import when
from course.timeutil import utcnow

bp = Blueprint("reports", __name__, template_folder="templates")


@bp.get("/teaching/classes/<id:class_id>/gradebook")
def gradebook(class_id: int):
    klass = taught_class_or_404(class_id)
    book = build_gradebook(klass.id, get_catalog())
    sort = request.args.get("sort", "name")
    descending = request.args.get("dir") == "desc"
    rows = sorted(book.rows, key=_sort_key(sort, book), reverse=descending)
    return render_template(
        "classes/gradebook.html",
        klass=klass,
        book=book,
        rows=gradebook_rows(rows, book.assignments, GradebookLinks.of_class(klass.id)),
        sort=sort,
        descending=descending,
    )


def _sort_key(sort: str, book: Gradebook) -> Callable[[StudentRow], Any]:
    columns = {f"a{a.id}": i for i, a in enumerate(book.assignments)}
    if sort in columns:
        column = columns[sort]
        return lambda r: _or_below_all(r.cells[column][GRADE])
    if sort == "average":
        return lambda r: _or_below_all(r.average)
    if sort == "activity":
        return lambda r: r.last_activity or datetime.min
    return lambda r: r.name.casefold()


def _or_below_all(score: float | None) -> float:
    return -1 if score is None else score


@bp.get("/teaching/classes/<id:class_id>/gradebook.csv")
def gradebook_csv(class_id: int):
    klass = taught_class_or_404(class_id)
    book = build_gradebook(klass.id, get_catalog())
    return csv_response(gradebook_csv_rows(book), f"gradebook-{klass.id}.csv")


def gradebook_csv_rows(book: Gradebook) -> Iterator[list[str]]:
    """The gradebook's columns, one row per student, figures in the page's locale."""
    header = [_("Student"), _("Email")]
    for a in book.assignments:
        title = assignment_title(a)
        method = GRADING_LABELS[a.grading_method]
        header += [
            _("%(title)s: grade (%(method)s)", title=title, method=method),
            _("%(title)s: override comment", title=title),
            _("%(title)s: lessons done", title=title),
            _("%(title)s: attempts", title=title),
            _("%(title)s: late", title=title),
        ]
    yield [*header, _("Average"), _("Last activity")]
    figures, late, by_hand = Figures(), _("late"), _("set by hand")
    for row in book.rows:
        line = [row.name, row.email]
        for grade, _id, attempts, is_late, lessons_done, lessons_total, comment, *_x in row.cells:
            line += [
                figures.percent(grade) if grade is not None else "",
                comment or (by_hand if comment is not None else ""),
                f"{lessons_done}/{lessons_total}" if lessons_total else "",
                figures.number(attempts),
                late if is_late else "",
            ]
        line += [
            figures.percent(row.average) if row.average is not None else "",
            when(row.last_activity),
        ]
        yield line


@bp.get("/teaching/classes/<id:class_id>/quizzes/<quiz_id>/analysis")
def item_analysis(class_id: int, quiz_id: str):
    klass = taught_class_or_404(class_id)
    quiz = get_quiz_or_404(quiz_id)
    mode = request.args.get("mode", "best")
    if mode not in MODES:
        mode = "best"
    catalog = get_catalog()
    questions = catalog.question_pool(quiz)
    records = class_attempt_records(klass.id, quiz, questions, mode)
    stats = analyse(questions, records)
    return render_template(
        "classes/item_analysis.html",
        klass=klass,
        quiz=quiz,
        mode=mode,
        modes=MODES,
        stats=stats,
        attempt_count=len(records),
        figures=Figures(),
    )


@bp.get("/teaching/classes/<id:class_id>/questions/<question_id>")
def question(class_id: int, question_id: str):
    klass = taught_class_or_404(class_id)
    found = get_catalog().questions.get(question_id)
    if found is None:
        abort(404)
    return render_template("classes/question.html", klass=klass, question=found)


@bp.get("/teaching/classes/<id:class_id>/attempts/<id:attempt_id>")
def student_attempt(class_id: int, attempt_id: int):
    """An attempt of a student in the class, as the student saw it after submitting."""
    klass = taught_class_or_404(class_id)
    attempt, enrollment = _class_attempt_or_404(klass.id, attempt_id)
    catalog = get_catalog()
    review = review_of(attempt, catalog.quizzes[attempt.quiz_id], utcnow(), for_instructor=True)
    return render_template(
        "classes/student_attempt.html",
        klass=klass,
        attempt=attempt,
        student=enrollment.user,
        quiz=catalog.quizzes[attempt.quiz_id],
        results=question_results(attempt, catalog, get_locale(), review),
        review=review,
    )


def _class_attempt_or_404(class_id: int, attempt_id: int) -> tuple[Attempt, Enrollment]:
    """A submitted attempt made for one of the class's assignments by one of its students.

    Not any attempt of a student in the class: their private practice and their work for
    another instructor's class are none of this instructor's business.
    """
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or not attempt.is_submitted or attempt.assignment_id is None:
        abort(404)
    assignment = db.session.get(Assignment, attempt.assignment_id)
    if assignment is None or assignment.class_id != class_id:
        abort(404)
    if attempt.quiz_id not in get_catalog().quizzes:
        abort(404)
    enrollment = db.session.scalar(
        db.select(Enrollment)
        .join(Learner, Learner.user_id == Enrollment.user_id)
        .where(Enrollment.class_id == class_id, Learner.id == attempt.learner_id)
    )
    if enrollment is None:
        abort(404)
    return attempt, enrollment
