"""Review sessions: due cards of both kinds, answered one by one, submitted at the end."""

from datetime import timedelta

import fsrs
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from course.content.question_types import AnswerProblem, InvalidAnswer
from course.extensions import db
from course.learners.current import learner_for_user
from course.progress.learners import mark_lesson_done
from course.quizzes.in_progress import open_attempts
from course.quizzes.models import AttemptKind
from course.spaced_review.cards import term_key
from course.spaced_review.models import CardKind, ReviewCard, ReviewLog
from course.spaced_review.sessions import (
    REVIEW_QUIZ_ID,
    NotInSession,
    SessionClosed,
    answer_question,
    next_key,
    open_session,
    rate_term,
    session_summary,
    start_session,
)
from course.timeutil import utcnow
from tests.factories import graded_attempt


@pytest.fixture
def learner(app, user):
    graded_attempt(app, user, None, {"q-single": "economic", "q-multiple": ["cyber"]})
    with app.app_context():
        learner_id = learner_for_user(user).id
        mark_lesson_done(learner_id, "first-lesson")
        yield learner_id


def test_a_session_mixes_questions_and_flashcards_and_submits_itself(app, learner):
    catalog = app.extensions["catalog"]
    now = utcnow() + timedelta(minutes=2)
    session = start_session(learner, catalog, now, "UTC")
    assert (session.kind, session.quiz_id) == (AttemptKind.REVIEW, REVIEW_QUIZ_ID)
    terms = [term_key(t) for t in catalog.lessons["first-lesson"].key_terms]
    assert session.question_ids == ["q-single", "q-multiple", *terms]
    assert open_attempts(learner) == []  # no quiz to continue
    assert start_session(learner, catalog, now, "UTC").id == session.id  # it goes on

    wrong = answer_question(session, "q-single", "defence", "en", now + timedelta(seconds=5))
    assert (wrong.rating, wrong.score, wrong.points) == (fsrs.Rating.Again, 0.0, 1.0)
    assert wrong.card.due_dt == now + timedelta(seconds=5, minutes=1)  # back in a minute
    with pytest.raises(NotInSession):
        answer_question(session, "q-single", "public", "en", now)
    right = answer_question(
        session, "q-multiple", ["cyber", "virtual"], "ru", now + timedelta(seconds=30)
    )
    assert right.rating == fsrs.Rating.Good  # 25 s: more than multiple choice's 15
    assert next_key(session) == terms[0]
    with pytest.raises(InvalidAnswer):
        rate_term(session, terms[0].removeprefix("glossary:"), 5, now)
    outcomes = [
        rate_term(session, key.removeprefix("glossary:"), 3, now + timedelta(minutes=1))
        for key in terms
    ]
    assert [o.is_finished for o in outcomes] == [False] * (len(terms) - 1) + [True]
    db.session.refresh(session)
    assert session.submitted_dt == now + timedelta(minutes=1)
    assert session.score == 1.0
    assert open_session(learner) is None
    with pytest.raises(SessionClosed):
        answer_question(session, "q-single", "public", "en", now)
    summary = session_summary(session, catalog, now + timedelta(minutes=1))
    assert summary.reviewed == 2 + len(terms)
    assert summary.ratings == {1: 1, 2: 0, 3: 1 + len(terms), 4: 0}
    assert (summary.correct, summary.questions) == (1, 2)
    assert summary.next_due_dt == wrong.card.due_dt


def test_nothing_due_starts_no_session(app, user):
    graded_attempt(app, user, None, {"q-single": "public"})
    with app.app_context():
        learner_id = learner_for_user(user).id
        assert start_session(learner_id, app.extensions["catalog"], utcnow(), "UTC") is None


def test_a_card_retired_during_a_session_is_not_in_it(app, learner):
    catalog = app.extensions["catalog"]
    now = utcnow() + timedelta(minutes=2)
    session = start_session(learner, catalog, now, "UTC")
    card = db.session.scalar(
        db.select(ReviewCard).filter_by(
            learner_id=learner, kind=CardKind.QUESTION, item_id="q-single"
        )
    )
    card.retired_dt = now
    db.session.commit()
    with pytest.raises(NotInSession):
        answer_question(session, "q-single", "public", "en", now)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=8,
)


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    question_id=st.sampled_from(["q-single", "q-multiple"]),
    posted=JSON,
    rating=JSON,
    duration=JSON | st.integers(min_value=-(2**70), max_value=2**70),
)
def test_any_posted_value_is_answered_or_refused_never_an_error(
    app, learner, question_id, posted, rating, duration
):
    catalog = app.extensions["catalog"]
    now = utcnow() + timedelta(minutes=2)
    session = start_session(learner, catalog, now, "UTC")
    try:
        outcome = answer_question(session, question_id, posted, "vi", now, duration_ms=duration)
    except (AnswerProblem, InvalidAnswer, NotInSession):
        db.session.rollback()
    else:
        assert outcome.rating in fsrs.Rating
    key = next_key(session)
    if key and key.startswith("glossary:"):
        try:
            rate_term(session, key.removeprefix("glossary:"), rating, now, duration_ms=duration)
        except InvalidAnswer:
            db.session.rollback()


def test_a_pause_of_more_than_an_hour_is_not_a_measured_duration(app, learner):
    catalog = app.extensions["catalog"]
    now = utcnow() + timedelta(minutes=2)
    session = start_session(learner, catalog, now, "UTC")
    answer_question(session, "q-single", "public", "en", now + timedelta(seconds=8))
    later = answer_question(
        session, "q-multiple", ["cyber", "virtual"], "en", now + timedelta(hours=2)
    )
    logs = db.session.scalars(
        db.select(ReviewLog.duration_ms)
        .where(ReviewLog.attempt_id == session.id)
        .order_by(ReviewLog.id)
    )
    assert list(logs) == [8000, None]
    assert later.rating == fsrs.Rating.Good  # unmeasured: never quick
