"""The instructors' retention report: per lesson, the class's live review cards, the share due
and the mean predicted recall (FSRS retrievability), on the page and in its CSV."""

from datetime import datetime, timedelta

import fsrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.accounts.users import create_user
from course.classes.reports.retention import recall_at, retention_rows
from course.classes.rosters import create_class
from course.content.access import get_catalog
from course.extensions import db
from course.learners.current import learner_for_user
from course.spaced_review.models import CardKind, ReviewCard
from course.timeutil import utcnow
from tests.conftest import LANGS
from tests.factories import add_student, sign_in
from tests.test_reports import read_csv, rows_of

URL = "/{lang}/teaching/classes/{id}/retention"


def add_card(app, user_id, item_id, lesson_id="first-lesson", **fields):
    kind = CardKind.TERM if item_id == "digital-diplomacy" else CardKind.QUESTION
    with app.app_context():
        learner = learner_for_user(user_id)
        db.session.add(
            ReviewCard(
                learner_id=learner.id, kind=kind, item_id=item_id, lesson_id=lesson_id, **fields
            )
        )
        db.session.commit()


def reviewed(base, stability, due_in_days):
    """A card last reviewed at `base` (state review), due some days later."""
    return {
        "state": 2,
        "step": None,
        "stability": stability,
        "difficulty": 5.0,
        "first_review_dt": base - timedelta(days=5),
        "last_review_dt": base,
        "due_dt": base + timedelta(days=due_in_days),
    }


@pytest.fixture
def base():
    """The cards' last review: a day before the tests look."""
    return utcnow() - timedelta(days=1)


@pytest.fixture
def cards(app, klass, base):
    """First lesson: two reviewed cards of Student 001 (stability 10 and 2 days, due in 9 and 2
    days) and a new glossary card of Student 002; everything else must not count."""
    first, second = add_student(app, klass, 1), add_student(app, klass, 2)
    add_card(app, first, "q-single", **reviewed(base, 10.0, 9))
    add_card(app, first, "q-multiple", **reviewed(base, 2.0, 2))
    add_card(app, second, "digital-diplomacy", due_dt=base)
    add_card(app, second, "q-text", "second-lesson", retired_dt=base, **reviewed(base, 3.0, 0))
    add_card(app, first, "q-gone", **reviewed(base, 3.0, 0))  # left the course, not retired yet
    with app.app_context():
        outsider = create_user("other@school.edu", "Other", "long password", role="instructor")
        other_class = create_class(outsider, "11B", "", "en").id
    add_card(app, add_student(app, other_class, 3), "q-single", due_dt=base)


def figures(app, klass, when):
    with app.app_context():
        rows = retention_rows(klass, get_catalog(), when, "en")
    return [(r.lesson_id, r.cards, r.students, r.due_share, r.mean_recall) for r in rows]


def test_figures_of_a_small_class(app, klass, cards, base):
    (first, second) = figures(app, klass, base + timedelta(days=1, hours=1))
    # fsrs: recall after 1 day is 98.568% at stability 10, 94.034% at stability 2
    assert first[:4] == ("first-lesson", 3, 2, pytest.approx(100 / 3))
    assert first[4] == pytest.approx(96.301, abs=0.001)
    assert second == ("second-lesson", 0, 0, None, None)


def test_due_share_rises_and_recall_falls_with_time(app, klass, cards, base):
    (first, _second) = figures(app, klass, base + timedelta(days=3, hours=1))
    assert first[3] == pytest.approx(200 / 3)  # the card of stability 2 is due now
    assert first[4] == pytest.approx(91.543, abs=0.001)  # 96.102% and 86.983%


def page_rows(client, klass, lang="en", query=""):
    response = client.get(URL.format(lang=lang, id=klass) + query)
    assert response.status_code == 200
    return rows_of(response.get_data(as_text=True))


EXPECTED_EN = [
    [["The", "first", "lesson", "(en)", "Demo", "module"], ["3"], ["2"], ["33.3%"], ["96.3%"]],
    [["The", "second", "lesson", "(en)", "Demo", "module"], ["0"], ["0"], ["—"], ["—"]],
]


def test_page_shows_each_lesson_with_its_figures(client, klass, cards):
    sign_in(client, "teacher@school.edu")
    assert page_rows(client, klass) == EXPECTED_EN


def test_csv_has_the_pages_rows(client, klass, cards):
    sign_in(client, "teacher@school.edu")
    assert read_csv(client, URL.format(lang="en", id=klass) + ".csv") == [
        ["Module", "Lesson", "Cards", "Students with cards", "Due now", "Mean predicted recall"],
        ["Demo module", "The first lesson (en)", "3", "2", "33.3", "96.3"],
        ["Demo module", "The second lesson (en)", "0", "0", "", ""],
    ]


@pytest.mark.parametrize(
    ("query", "first_cards"),
    [
        ("?sort=cards&dir=desc", "3"),
        ("?sort=cards", "0"),
        ("?sort=recall", "0"),
        ("?sort=due&dir=desc", "3"),
        ("?sort=students", "0"),
        ("?sort=lesson&dir=desc", "0"),
        ("?sort=nonsense", "3"),
    ],
)
def test_sorts_by_every_column(client, klass, cards, query, first_cards):
    sign_in(client, "teacher@school.edu")
    assert page_rows(client, klass, query=query)[0][1] == [first_cards]


@pytest.mark.parametrize(
    ("lang", "due", "recall", "title"),
    [
        ("vi", "33,3%", "96,3%", "Tỉ lệ ghi nhớ theo bài"),
        ("ru", "33,3 %", "96,3 %", "Запоминание по урокам"),
        ("en", "33.3%", "96.3%", "Retention by lesson"),
    ],
)
def test_each_language(client, klass, cards, lang, due, recall, title):
    sign_in(client, "teacher@school.edu")
    html = client.get(URL.format(lang=lang, id=klass)).get_data(as_text=True)
    assert f"<h1>{title}</h1>" in html
    first = rows_of(html)[0]
    assert (" ".join(first[3]), " ".join(first[4])) == (due, recall)


def test_class_page_links_to_it(client, klass):
    sign_in(client, "teacher@school.edu")
    html = client.get(f"/en/teaching/classes/{klass}").get_data(as_text=True)
    assert f'href="/en/teaching/classes/{klass}/retention"' in html


def test_empty_state_without_cards(app, client, klass):
    add_student(app, klass, 1)
    sign_in(client, "teacher@school.edu")
    html = client.get(URL.format(lang="en", id=klass)).get_data(as_text=True)
    assert "have no review cards yet" in html
    assert "<table" not in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("who", ["anonymous", "student", "other instructor"])
def test_only_the_classes_instructor_sees_it(app, client, klass, cards, lang, who):
    if who == "student":
        sign_in(client, "s1@school.edu")
    elif who == "other instructor":
        sign_in(client, "other@school.edu")
    for suffix in ("", ".csv"):
        assert client.get(URL.format(lang=lang, id=klass) + suffix).status_code == 404


@given(
    stability=st.floats(0.01, 36500),
    elapsed=st.timedeltas(timedelta(0), timedelta(days=3650)),
)
def test_the_reports_recall_is_fsrs_own(stability, elapsed):
    now = datetime(2026, 3, 10, 12, 0)
    card = fsrs.Card(card_id=1, state=fsrs.State.Review, stability=stability)
    card.last_review = now - elapsed
    assert recall_at(now)(stability, now - elapsed) == pytest.approx(
        fsrs.Scheduler().get_card_retrievability(card, now), rel=1e-12
    )
