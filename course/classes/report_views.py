"""Instructors' reports: the gradebook (and its CSV), item analysis, and students' attempts."""

import csv
import io
from functools import cache

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from course.catalog_access import get_catalog, get_quiz_or_404
from course.classes.access import taught_class_or_404
from course.classes.display import assignment_title
from course.classes.gradebook import Gradebook, build_gradebook
from course.classes.item_analysis import MODES, analyse, class_attempt_records
from course.classes.models import Enrollment
from course.extensions import db
from course.i18n import get_locale
from course.progress.models import Learner
from course.quizzes.models import Attempt
from course.quizzes.results import question_results
from course.templating import number, percent, when

bp = Blueprint("reports", __name__, template_folder="templates")

SORT_KEYS = ("name", "average", "activity")


@bp.get("/teaching/classes/<id:class_id>/gradebook")
def gradebook(class_id: int):
    klass = taught_class_or_404(class_id)
    book = build_gradebook(klass.id, get_catalog())
    sort = request.args.get("sort", "name")
    descending = request.args.get("dir") == "desc"
    rows = sorted(book.rows, key=_sort_key(sort), reverse=descending)
    return render_template(
        "classes/gradebook.html",
        klass=klass,
        book=book,
        rows=rows,
        sort=sort,
        descending=descending,
        catalog=get_catalog(),
        cell_note=_cell_notes(),
    )


def _cell_notes():
    """The small print of a gradebook cell. A class shows few distinct ones, so each is
    translated once per page rather than once for each of its thousands of cells."""

    @cache
    def cell_note(done: int, total: int, attempts: int, max_attempts: int | None) -> Markup:
        note = Markup.escape(ngettext("%(num)d attempt", "%(num)d attempts", attempts))
        if max_attempts:
            note += Markup(" / {}").format(max_attempts)
        if total:
            lessons = _("lessons %(done)d/%(total)d", done=done, total=total)
            note = Markup("{} · {}").format(lessons, note)
        return note

    return cell_note


def _sort_key(sort: str):
    if sort.startswith("a") and sort[1:].isdigit():
        assignment_id = int(sort[1:])
        return lambda r: (r.cells.get(assignment_id) and r.cells[assignment_id].best_percent) or -1
    if sort == "average":
        return lambda r: r.average if r.average is not None else -1
    if sort == "activity":
        return lambda r: r.last_activity.isoformat() if r.last_activity else ""
    return lambda r: r.user.name.casefold()


@bp.get("/teaching/classes/<id:class_id>/gradebook.csv")
def gradebook_csv(class_id: int):
    klass = taught_class_or_404(class_id)
    book = build_gradebook(klass.id, get_catalog())
    body = "\ufeff" + gradebook_to_csv(book)  # the BOM tells spreadsheets: UTF-8
    filename = f"gradebook-{klass.id}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def gradebook_to_csv(book: Gradebook) -> str:
    """The gradebook's columns, one row per student, figures in the page's locale."""
    header = [_("Student"), _("Email")]
    for a in book.assignments:
        title = assignment_title(a)
        header += [
            _("%(title)s: best score", title=title),
            _("%(title)s: lessons done", title=title),
            _("%(title)s: attempts", title=title),
            _("%(title)s: late", title=title),
        ]
    header += [_("Average"), _("Last activity")]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in book.rows:
        line = [row.user.name, row.user.email]
        for a in book.assignments:
            cell = row.cells[a.id]
            line += [
                percent(cell.best_percent) if cell.best_percent is not None else "",
                f"{cell.lessons_done}/{cell.lessons_total}" if cell.lessons_total else "",
                number(cell.attempts),
                _("late") if cell.is_late else "",
            ]
        line += [percent(row.average) if row.average is not None else "", when(row.last_activity)]
        writer.writerow(line)
    return out.getvalue()


@bp.get("/teaching/classes/<id:class_id>/quizzes/<quiz_id>/analysis")
def item_analysis(class_id: int, quiz_id: str):
    klass = taught_class_or_404(class_id)
    quiz = get_quiz_or_404(quiz_id)
    mode = request.args.get("mode", "best")
    if mode not in MODES:
        mode = "best"
    catalog = get_catalog()
    records = class_attempt_records(klass.id, quiz, mode)
    stats = analyse(catalog.question_pool(quiz), records)
    return render_template(
        "classes/item_analysis.html",
        klass=klass,
        quiz=quiz,
        mode=mode,
        modes=MODES,
        stats=stats,
        attempt_count=len(records),
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
    attempt = db.session.get(Attempt, attempt_id)
    catalog = get_catalog()
    if attempt is None or not attempt.is_submitted or attempt.quiz_id not in catalog.quizzes:
        abort(404)
    learner = db.session.get(Learner, attempt.learner_id)
    enrolled = learner is not None and db.session.scalar(
        db.select(Enrollment.id).where(
            Enrollment.class_id == klass.id, Enrollment.user_id == learner.user_id
        )
    )
    if not enrolled:
        abort(404)
    return render_template(
        "classes/student_attempt.html",
        klass=klass,
        attempt=attempt,
        student=db.session.get(Enrollment, enrolled).user,
        quiz=catalog.quizzes[attempt.quiz_id],
        results=question_results(attempt, catalog, get_locale()),
    )
