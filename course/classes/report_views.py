"""Instructors' reports (gradebook, item analysis, lesson completion, retention, each with its
CSV), and students' attempts."""

from functools import partial

from flask import Blueprint, abort, render_template, request, url_for

from course.classes.access import taught_class_or_404
from course.classes.models import Assignment, Class, Enrollment
from course.classes.reports.gradebook import build_gradebook
from course.classes.reports.gradebook_report import gradebook_report
from course.classes.reports.item_analysis import MODES, analyse, class_attempt_records
from course.classes.reports.item_analysis_report import item_analysis_report, item_rows
from course.classes.reports.lessons import lesson_rows, lessons_report
from course.classes.reports.report import Report
from course.classes.reports.retention import retention_report, retention_rows
from course.content.access import get_catalog, get_quiz_or_404
from course.content.catalog import Quiz
from course.csvexport import csv_response
from course.extensions import db
from course.i18n import get_locale
from course.learners.models import Learner
from course.quizzes.models import Attempt
from course.quizzes.results import question_results
from course.quizzes.review import review_of
from course.timeutil import utcnow

bp = Blueprint("reports", __name__, template_folder="templates")


def _sorted(report: Report) -> Report:
    """The report in the order the page's sort link asks for."""
    return report.sorted(request.args.get("sort"), request.args.get("dir") == "desc")


@bp.get("/teaching/classes/<id:class_id>/gradebook")
def gradebook(class_id: int):
    klass = taught_class_or_404(class_id)
    book = build_gradebook(klass.id, get_catalog())
    return render_template(
        "classes/gradebook.html",
        klass=klass,
        has_assignments=bool(book.assignments),
        report=_sorted(gradebook_report(book, klass.id)),
        sort_url=partial(url_for, "reports.gradebook", class_id=klass.id),
    )


@bp.get("/teaching/classes/<id:class_id>/gradebook.csv")
def gradebook_csv(class_id: int):
    klass = taught_class_or_404(class_id)
    report = gradebook_report(build_gradebook(klass.id, get_catalog()), klass.id)
    return csv_response(report.csv_rows(), f"gradebook-{klass.id}.csv")


def _item_analysis(klass: Class, quiz_id: str) -> tuple[Report, Quiz, str, int]:
    """The report of a quiz's questions, the quiz, the mode of the request and the attempts."""
    quiz = get_quiz_or_404(quiz_id)
    mode = request.args.get("mode", "best")
    if mode not in MODES:
        mode = "best"
    questions = get_catalog().question_pool(quiz)
    records = class_attempt_records(klass.id, quiz, questions, mode)
    rows = item_rows(analyse(questions, records))
    return item_analysis_report(rows, klass.id), quiz, mode, len(records)


@bp.get("/teaching/classes/<id:class_id>/quizzes/<quiz_id>/analysis")
def item_analysis(class_id: int, quiz_id: str):
    klass = taught_class_or_404(class_id)
    report, quiz, mode, attempt_count = _item_analysis(klass, quiz_id)
    return render_template(
        "classes/item_analysis.html",
        klass=klass,
        quiz=quiz,
        mode=mode,
        modes=MODES,
        report=_sorted(report),
        sort_url=partial(
            url_for, "reports.item_analysis", class_id=klass.id, quiz_id=quiz.id, mode=mode
        ),
        attempt_count=attempt_count,
    )


@bp.get("/teaching/classes/<id:class_id>/quizzes/<quiz_id>/analysis.csv")
def item_analysis_csv(class_id: int, quiz_id: str):
    klass = taught_class_or_404(class_id)
    report, quiz, mode, _count = _item_analysis(klass, quiz_id)
    return csv_response(report.csv_rows(), f"item-analysis-{klass.id}-{quiz.id}-{mode}.csv")


@bp.get("/teaching/classes/<id:class_id>/lessons")
def lessons(class_id: int):
    klass = taught_class_or_404(class_id)
    catalog = get_catalog()
    report = lessons_report(lesson_rows(klass.id, catalog), catalog, get_locale())
    return render_template(
        "classes/lessons.html",
        klass=klass,
        report=_sorted(report),
        sort_url=partial(url_for, "reports.lessons", class_id=klass.id),
    )


@bp.get("/teaching/classes/<id:class_id>/lessons.csv")
def lessons_csv(class_id: int):
    klass = taught_class_or_404(class_id)
    catalog = get_catalog()
    report = lessons_report(lesson_rows(klass.id, catalog), catalog, get_locale())
    return csv_response(report.csv_rows(), f"lessons-{klass.id}.csv")


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


def _retention(klass: Class) -> Report:
    catalog = get_catalog()
    return retention_report(retention_rows(klass.id, catalog, utcnow(), get_locale()))


@bp.get("/teaching/classes/<id:class_id>/retention")
def retention(class_id: int):
    klass = taught_class_or_404(class_id)
    report = _retention(klass)
    return render_template(
        "classes/retention.html",
        klass=klass,
        has_cards=any(row.cards for row in report.rows),
        report=_sorted(report),
        sort_url=partial(url_for, "reports.retention", class_id=klass.id),
    )


@bp.get("/teaching/classes/<id:class_id>/retention.csv")
def retention_csv(class_id: int):
    klass = taught_class_or_404(class_id)
    return csv_response(_retention(klass).csv_rows(), f"retention-{klass.id}.csv")
