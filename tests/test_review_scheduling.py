"""FSRS scheduling of review cards, and the ratings that answers give them."""

from dataclasses import replace
from datetime import datetime, timedelta
from itertools import groupby

import fsrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from course.extensions import db
from course.spaced_review.models import ReviewLog
from course.spaced_review.ratings import rating_for_answer
from course.spaced_review.scheduling import apply_rating, retrievability, write_rating
from tests.factories import create_card, create_learner

NOON = datetime(2026, 3, 10, 12, 0)


@pytest.fixture
def card(app):
    with app.app_context():
        yield create_card(create_learner())


def rate(card, rating, when):
    log = apply_rating(card, rating, when, retention=0.9)
    db.session.commit()
    return log


def test_a_wrong_answer_is_due_a_minute_later_within_the_day(card):
    log = rate(card, fsrs.Rating.Again, NOON)
    assert card.due_dt == NOON + timedelta(minutes=1)
    assert card.state == fsrs.State.Learning
    assert card.first_review_dt == card.last_review_dt == NOON
    stored = db.session.get(ReviewLog, log.id)
    assert (stored.card_id, stored.rating, stored.review_dt) == (card.id, 1, NOON)
    assert stored.duration_ms is None


def test_good_pushes_it_out_to_days_and_a_later_again_brings_it_back_in_ten_minutes(card):
    rate(card, fsrs.Rating.Again, NOON)
    rate(card, fsrs.Rating.Good, NOON + timedelta(minutes=2))
    assert card.state == fsrs.State.Review
    assert card.due_dt - (NOON + timedelta(minutes=2)) >= timedelta(days=1)
    later = card.due_dt
    rate(card, fsrs.Rating.Again, later)
    assert card.state == fsrs.State.Relearning
    assert card.due_dt == later + timedelta(minutes=10)
    assert card.first_review_dt == NOON
    assert db.session.query(ReviewLog).filter_by(card_id=card.id).count() == 3


def test_the_log_keeps_the_duration_and_the_attempt(card):
    log = apply_rating(card, fsrs.Rating.Good, NOON, retention=0.8, duration_ms=4200)
    db.session.commit()
    assert (log.duration_ms, log.attempt_id) == (4200, None)


def test_a_new_card_has_no_retrievability_a_reviewed_one_fades(card):
    assert retrievability(card, NOON) is None
    rate(card, fsrs.Rating.Good, NOON)
    soon = retrievability(card, NOON + timedelta(days=1))
    later = retrievability(card, NOON + timedelta(days=30))
    assert 0 < later < soon <= 1


def question(app, question_id):
    return app.extensions["catalog"].questions[question_id]


@pytest.mark.parametrize(("score", "rating"), [(0.0, fsrs.Rating.Again), (0.5, fsrs.Rating.Hard)])
def test_wrong_is_again_and_partial_is_hard_however_fast(app, score, rating):
    multiple = question(app, "q-multiple")
    assert rating_for_answer(multiple, score * multiple.points, 1000) == rating


@pytest.mark.parametrize(
    ("question_id", "quick_ms"),
    [
        ("q-truefalse", 10_000),
        ("q-single", 10_000),
        ("q-multiple", 15_000),
        ("q-numeric", 15_000),
        ("q-text", 20_000),
        ("q-ordering", 30_000),
        ("q-matching", 30_000),
    ],
)
def test_right_quickly_is_easy_slowly_good(app, question_id, quick_ms):
    right = question(app, question_id)
    assert rating_for_answer(right, right.points, quick_ms) == fsrs.Rating.Easy
    assert rating_for_answer(right, right.points, quick_ms + 1) == fsrs.Rating.Good
    assert rating_for_answer(right, right.points, None) == fsrs.Rating.Good


def test_a_cloze_is_quick_within_25_seconds(app):
    cloze = replace(question(app, "q-text"), type="cloze")  # the fixture content has none
    assert rating_for_answer(cloze, cloze.points, 25_000) == fsrs.Rating.Easy
    assert rating_for_answer(cloze, cloze.points, 25_001) == fsrs.Rating.Good


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    ratings=st.lists(st.sampled_from(list(fsrs.Rating)), min_size=1, max_size=6),
    gaps=st.lists(st.integers(min_value=0, max_value=90 * 24 * 60), min_size=6, max_size=6),
    retention=st.floats(min_value=0.7, max_value=0.97),
)
def test_a_rating_written_in_a_session_is_stored_as_the_syncs_would_be(
    app, ratings, gaps, retention
):
    """A session writes its ratings by SQL statements; the sync through the unit of work."""
    with app.app_context():
        learner_id = create_learner()
        by_sync = create_card(learner_id, item_id="q-single")
        in_session = create_card(learner_id, item_id="q-multiple")
        when = NOON
        for rating, gap in zip(ratings, gaps, strict=False):
            when += timedelta(minutes=gap)
            apply_rating(by_sync, rating, when, retention=retention, duration_ms=gap)
            write_rating(in_session, rating, when, retention=retention, duration_ms=gap)
            db.session.commit()
        db.session.expire_all()
        columns = ("state", "step", "stability", "difficulty", "due_dt", "first_review_dt")
        assert [getattr(in_session, c) for c in columns] == [getattr(by_sync, c) for c in columns]
        assert in_session.last_review_dt == by_sync.last_review_dt == when
        logs = {
            card_id: [(log.rating, log.review_dt, log.duration_ms) for log in logs]
            for card_id, logs in groupby(
                db.session.scalars(select(ReviewLog).order_by(ReviewLog.card_id, ReviewLog.id)),
                key=lambda log: log.card_id,
            )
        }
        assert logs[in_session.id] == logs[by_sync.id]
        assert len(logs[in_session.id]) == len(ratings)
