"""The reports' common shape: lesson completion, CSV files that spreadsheets never run, options
counted as each question type says."""

import csv
import io
import re
from datetime import datetime

import pytest
from markupsafe import Markup

from course.classes.reports.cells import Fragment
from course.classes.reports.report import Column, Report
from course.extensions import db
from course.learners.current import learner_for_user
from course.progress.models import LessonCompletion
from tests.factories import add_assignment, add_student, graded_attempt, sign_in


def complete(app, user_id, lesson_id, when):
    with app.app_context():
        learner = learner_for_user(user_id)
        db.session.add(
            LessonCompletion(learner_id=learner.id, lesson_id=lesson_id, completed_dt=when)
        )
        db.session.commit()


def read_csv(client, url):
    body = client.get(url).get_data(as_text=True)
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def rows_of(html):
    """The body rows of the page's report table, each a list of its cells' text."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        [
            re.sub(r"<[^>]+>", " ", cell).split()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


# Lesson completion


@pytest.fixture
def lessons_done(app, klass):
    """Student 001 has done the first lesson, Student 002 nothing yet."""
    first = add_student(app, klass, 1)
    add_student(app, klass, 2)
    complete(app, first, "first-lesson", datetime(2026, 3, 4, 9, 30))


def test_lesson_completion_page_shows_who_did_which_lesson_and_when(client, klass, lessons_done):
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/en/teaching/classes/{klass}/lessons").get_data(as_text=True)
    assert "The first lesson (en)" in html and "The second lesson (en)" in html
    first, second = rows_of(html)
    assert first[0][:2] == ["Student", "001"]
    assert first[1] == ["1/2"]
    assert first[2] == [
        "✓",
        "done",
        "Mar",
        "4,",
        "2026,",
        "4:30",
        "PM",
    ]  # the teacher's zone, UTC+7
    assert first[3] == ["—", "not", "done"]
    assert second[0][:2] == ["Student", "002"]
    assert second[1:] == [["0/2"], ["—", "not", "done"], ["—", "not", "done"]]


def test_lesson_completion_sorts_by_lessons_done(client, klass, lessons_done):
    sign_in(client, "teacher@school.edu")
    for direction, order in (("desc", ["001", "002"]), ("asc", ["002", "001"])):
        html = client.get(f"/en/teaching/classes/{klass}/lessons?sort=done&dir={direction}")
        assert re.findall(r"Student (00\d)", html.get_data(as_text=True)) == order


def test_lesson_completion_csv(client, klass, lessons_done):
    sign_in(client, "teacher@school.edu")
    header, first, second = read_csv(client, f"/en/teaching/classes/{klass}/lessons.csv")
    assert header == [
        "Student",
        "Email",
        "Lessons done",
        "The first lesson (en): completed",
        "The second lesson (en): completed",
    ]
    assert first == ["Student 001", "s1@school.edu", "1", "Mar 4, 2026, 4:30\u202fPM", ""]
    assert second == ["Student 002", "s2@school.edu", "0", "", ""]


@pytest.mark.parametrize("lang", ["vi", "ru", "en"])
def test_lesson_completion_in_each_language(client, app, klass, lessons_done, lang):
    sign_in(client, "teacher@school.edu")
    detail = client.get(f"/{lang}/teaching/classes/{klass}").get_data(as_text=True)
    assert f'href="/{lang}/teaching/classes/{klass}/lessons"' in detail
    html = client.get(f"/{lang}/teaching/classes/{klass}/lessons").get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert app.extensions["catalog"].lessons["first-lesson"].texts[lang].title in html
    header = read_csv(client, f"/{lang}/teaching/classes/{klass}/lessons.csv")[0]
    assert header[3].startswith(app.extensions["catalog"].lessons["first-lesson"].texts[lang].title)


# Item analysis counts what each question type says


def test_item_analysis_counts_the_options_chosen_and_marks_the_key(client, app, klass):
    assignment_id = add_assignment(app, klass)
    answers = [{"q-single": "public", "q-truefalse": "false", "q-multiple": ["cyber", "virtual"]}]
    answers += [{"q-single": "economic", "q-truefalse": "true", "q-multiple": ["cyber"]}] * 2
    for n, given in enumerate(answers, start=1):
        graded_attempt(app, add_student(app, klass, n), assignment_id, given)
    sign_in(client, "teacher@school.edu")
    url = f"/en/teaching/classes/{klass}/quizzes/demo-quiz/analysis"
    rows = {row[0][2]: row for row in rows_of(client.get(url).get_data(as_text=True))}
    options = " ".join(rows["q-truefalse"][-1])
    assert "True: 2" in options
    assert "False ✓: 1" in options
    assert rows["q-numeric"][-1] == []  # no options to count
    csv_rows = {row[1]: row for row in read_csv(client, f"{url}.csv")[1:]}
    assert csv_rows["q-truefalse"][-1] == "True: 2; False ✓: 1"
    assert "cyber" not in csv_rows["q-single"][-1]


@pytest.mark.parametrize(
    ("lang", "true", "false"), [("vi", "Đúng", "Sai"), ("ru", "Верно", "Неверно")]
)
def test_question_page_names_true_false_options_in_every_language(client, klass, lang, true, false):
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/en/teaching/classes/{klass}/questions/q-truefalse").get_data(as_text=True)
    section = html[html.index(f'<section class="card" lang="{lang}">') :]
    section = section[: section.index("</section>")]
    assert true in section and false in section


# The shape itself


def test_a_fragment_escapes_text_and_keeps_markup_and_numbers():
    cell = Fragment('<a href="/x/{id}">{name}</a>{badge}')
    html = cell(id=7, name='<script>"x"</script>', badge=Markup("<b>ok</b>"))
    assert html == '<a href="/x/7">&lt;script&gt;&#34;x&#34;&lt;/script&gt;</a><b>ok</b>'


def test_a_report_sorts_by_a_sortable_column_and_falls_back_to_its_default():
    def column(key, sortable=True):
        return Column(
            key=key,
            label=key,
            value=lambda row: row[key],
            html=lambda value: Markup.escape(value),
            csv_headers=(key,),
            csv=lambda value: (value,),
            sort=(lambda value: value) if sortable else None,
        )

    rows = [{"name": "b", "n": 1, "note": "<i>"}, {"name": "a", "n": 2, "note": "="}]
    report = Report([column("name"), column("n"), column("note", sortable=False)], rows, "name")
    assert [r["name"] for r in report.sorted("n", descending=True).rows] == ["a", "b"]
    for unknown in ("note", "bogus", None):
        assert report.sorted(unknown).sort_key == "name"
    assert list(report.sorted("name").html_rows())[1] == "<td>b</td><td>1</td><td>&lt;i&gt;</td>"
    assert list(report.csv_rows()) == [("name", "n", "note"), ("b", 1, "<i>"), ("a", 2, "=")]
