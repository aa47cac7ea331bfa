"""What is due today, in the learner's own time zone, with the daily allowance of new cards."""

from datetime import datetime

import pytest

from course.extensions import db
from course.learners.current import learner_for_user
from course.spaced_review.due import DueCounts, due_cards, due_counts, end_of_local_day, next_due
from course.spaced_review.models import CardKind, ReviewSettings
from course.timeutil import utcnow
from tests.factories import add_assignment, add_student, create_card, create_learner

# 18:30 UTC on 10 March: 01:30 on the 11th in Hồ Chí Minh City (UTC+7), 21:30 in Moscow (UTC+3).
NOW = datetime(2026, 3, 10, 18, 30)
LAST_WEEK = datetime(2026, 3, 3, 12, 0)


def reviewed(learner_id, item_id, due, kind=CardKind.QUESTION, **state):
    return create_card(
        learner_id,
        kind,
        item_id,
        state=2,
        step=None,
        stability=5.0,
        difficulty=5.0,
        due_dt=due,
        first_review_dt=state.pop("first_review_dt", LAST_WEEK),
        last_review_dt=state.pop("last_review_dt", LAST_WEEK),
        **state,
    )


@pytest.fixture
def learner(app):
    with app.app_context():
        learner_id = create_learner()
        db.session.add(ReviewSettings(learner_id=learner_id, new_per_day=1))
        reviewed(learner_id, "q-single", datetime(2026, 3, 10, 20, 0))  # due everywhere today
        reviewed(learner_id, "q-multiple", datetime(2026, 3, 10, 22, 0))  # after Moscow's day
        reviewed(learner_id, "q-truefalse", datetime(2026, 3, 11, 10, 0))  # only in Asia today
        reviewed(learner_id, "q-numeric", datetime(2026, 3, 11, 20, 0))  # tomorrow everywhere
        reviewed(learner_id, "q-ordering", NOW, retired_dt=NOW)  # its question left the course
        reviewed(learner_id, "q-gone", NOW)  # not in the catalog (yet unretired)
        # A flashcard first reviewed at 16:00 UTC: yesterday in Asia, today in Moscow and UTC.
        first = datetime(2026, 3, 10, 16, 0)
        reviewed(
            learner_id,
            "digital-diplomacy",
            datetime(2026, 3, 20),
            CardKind.TERM,
            first_review_dt=first,
            last_review_dt=first,
        )
        create_card(learner_id, CardKind.TERM, "soft-power")  # new
        yield learner_id


@pytest.mark.parametrize(
    ("timezone", "counts"),
    [
        ("Asia/Ho_Chi_Minh", DueCounts(questions=3, terms=0, new=1)),
        ("Europe/Moscow", DueCounts(questions=1, terms=0, new=0)),
        ("UTC", DueCounts(questions=2, terms=0, new=0)),
    ],
)
def test_the_due_count_at_one_instant_depends_on_the_time_zone(app, learner, timezone, counts):
    catalog = app.extensions["catalog"]
    assert due_counts(learner, catalog, NOW, timezone) == counts
    cards = due_cards(learner, catalog, NOW, timezone)
    assert len(cards) == counts.total
    assert [c.item_id for c in cards][: counts.questions] == [
        "q-single",
        "q-multiple",
        "q-truefalse",
    ][: counts.questions]


def test_due_cards_stop_at_the_limit(app, learner):
    cards = due_cards(learner, app.extensions["catalog"], NOW, "Asia/Ho_Chi_Minh", limit=2)
    assert [c.item_id for c in cards] == ["q-single", "q-multiple"]


def test_next_due_is_the_earliest_live_card(app, learner):
    assert next_due(learner, app.extensions["catalog"], NOW) == datetime(2026, 3, 10, 20, 0)


@pytest.mark.parametrize(
    ("timezone", "end"),
    [
        ("Asia/Ho_Chi_Minh", datetime(2026, 3, 11, 17, 0)),
        ("Europe/Moscow", datetime(2026, 3, 10, 21, 0)),
        ("UTC", datetime(2026, 3, 11, 0, 0)),
    ],
)
def test_the_end_of_the_local_day_in_utc(timezone, end):
    assert end_of_local_day(NOW, timezone) == end


def test_questions_an_open_assignment_holds_back_are_neither_counted_nor_shown(app, klass):
    student = add_student(app, klass, 1)
    add_assignment(app, klass)
    with app.app_context():
        learner_id = learner_for_user(student).id
        now = utcnow()
        reviewed(learner_id, "q-single", now)
        create_card(learner_id, CardKind.TERM, "soft-power")
        catalog = app.extensions["catalog"]
        assert due_counts(learner_id, catalog, now, "UTC") == DueCounts(0, 0, 1)
        assert [c.item_id for c in due_cards(learner_id, catalog, now, "UTC")] == ["soft-power"]
        assert next_due(learner_id, catalog, now) is None
