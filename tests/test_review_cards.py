"""Cards from quiz answers at submission, from lessons done, and retired with their content."""

from dataclasses import replace
from datetime import timedelta

import fsrs
import pytest
from sqlalchemy import func, select

from course.extensions import db
from course.learners.current import learner_for_user
from course.progress.learners import mark_lesson_done
from course.quizzes.attempts import save_answers, start_attempt
from course.quizzes.models import Attempt
from course.quizzes.rules import practice_rules
from course.spaced_review.cards import card_item, parse_key, sync_cards, term_key
from course.spaced_review.models import CardKind, ReviewCard, ReviewLog, ReviewSettings
from course.timeutil import utcnow
from tests.conftest import csrf_token
from tests.factories import (
    add_assignment,
    add_student,
    create_learner,
    graded_attempt,
    sign_in,
    stored,
)

WRONG_SINGLE = {"q-single": "economic"}
PARTIAL_MULTIPLE = {"q-multiple": ["cyber"]}
RIGHT_SINGLE = {"q-single": "public"}


def cards_of(learner_id):
    query = select(ReviewCard).where(ReviewCard.learner_id == learner_id)
    return {card.item_id: card for card in db.session.scalars(query)}


def learner_id_of(user_id):
    return learner_for_user(user_id).id


@pytest.mark.parametrize(
    ("answers", "question_id", "rating"),
    [
        (WRONG_SINGLE, "q-single", fsrs.Rating.Again),
        (PARTIAL_MULTIPLE, "q-multiple", fsrs.Rating.Hard),
    ],
)
def test_a_mistake_in_a_submitted_attempt_makes_a_card_rated_at_submission(
    app, user, answers, question_id, rating
):
    attempt_id = graded_attempt(app, user, None, answers)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        cards = cards_of(learner_id_of(user))
        assert set(cards) == {question_id}  # the questions left unanswered make none
        card = cards[question_id]
        assert card.kind == CardKind.QUESTION
        assert card.lesson_id == "first-lesson"
        assert card.first_review_dt == card.last_review_dt == attempt.submitted_dt
        log = db.session.scalar(select(ReviewLog).where(ReviewLog.card_id == card.id))
        assert (log.rating, log.review_dt, log.duration_ms, log.attempt_id) == (
            rating,
            attempt.submitted_dt,
            None,
            attempt_id,
        )
        if rating == fsrs.Rating.Again:
            assert card.due_dt == attempt.submitted_dt + timedelta(minutes=1)


def test_a_right_answer_makes_no_card_unless_every_answer_is_chosen(app, user):
    graded_attempt(app, user, None, RIGHT_SINGLE)
    with app.app_context():
        learner_id = learner_id_of(user)
        assert cards_of(learner_id) == {}
        db.session.add(ReviewSettings(learner_id=learner_id, is_every_answer=True))
        db.session.commit()
    graded_attempt(app, user, None, RIGHT_SINGLE)
    with app.app_context():
        card = cards_of(learner_id)["q-single"]
        log = db.session.scalar(select(ReviewLog).where(ReviewLog.card_id == card.id))
        assert log.rating == fsrs.Rating.Good
        assert card.due_dt - card.last_review_dt >= timedelta(days=1)


def test_a_later_answer_to_a_question_with_a_card_reviews_it(app, user):
    graded_attempt(app, user, None, WRONG_SINGLE)
    graded_attempt(app, user, None, RIGHT_SINGLE)
    with app.app_context():
        card = cards_of(learner_id_of(user))["q-single"]
        ratings = db.session.scalars(
            select(ReviewLog.rating).where(ReviewLog.card_id == card.id).order_by(ReviewLog.id)
        )
        assert list(ratings) == [fsrs.Rating.Again, fsrs.Rating.Good]
        assert (
            sync_cards(card.learner_id, app.extensions["catalog"], utcnow(), force=True).reviewed
            == 0
        )


def test_a_question_removed_from_the_content_leaves_a_retired_card(app, user):
    graded_attempt(app, user, None, {**WRONG_SINGLE, **PARTIAL_MULTIPLE})
    with app.app_context():
        catalog = app.extensions["catalog"]
        learner_id = learner_id_of(user)
        questions = {k: v for k, v in catalog.questions.items() if k != "q-single"}
        without = replace(catalog, questions=questions)
        now = utcnow()
        report = sync_cards(learner_id, without, now, force=True)
        assert [card.item_id for card in report.retired] == ["q-single"]
        cards = cards_of(learner_id)
        assert cards["q-single"].retired_dt == now
        assert cards["q-multiple"].retired_dt is None
        assert card_item(cards["q-single"], without) is None
        assert card_item(cards["q-multiple"], without) is catalog.questions["q-multiple"]
        assert sync_cards(learner_id, without, now, force=True).retired == []  # retired once


def test_the_key_terms_of_a_lesson_done_become_new_cards(app):
    with app.app_context():
        catalog = app.extensions["catalog"]
        learner_id = create_learner()
        mark_lesson_done(learner_id, "first-lesson")
        terms = set(catalog.lessons["first-lesson"].key_terms) & set(catalog.glossary)
        assert terms
        cards = cards_of(learner_id)
        assert set(cards) == terms
        assert all(card.is_new and card.kind == CardKind.TERM for card in cards.values())
        assert all(card.lesson_id == "first-lesson" for card in cards.values())
        assert card_item(next(iter(cards.values())), catalog) in catalog.glossary.values()


def test_sync_is_skipped_when_nothing_changed(app, user):
    graded_attempt(app, user, None, WRONG_SINGLE)
    with app.app_context():
        catalog = app.extensions["catalog"]
        learner_id = learner_id_of(user)
        now = utcnow()
        sync_cards(learner_id, catalog, now)
        db.session.execute(db.delete(ReviewCard))
        db.session.commit()
        assert sync_cards(learner_id, catalog, now + timedelta(minutes=5)).created == 0
        assert sync_cards(learner_id, catalog, now + timedelta(hours=2)).created == 1


def test_item_keys():
    assert term_key("soft-power") == "glossary:soft-power"
    assert parse_key(term_key("soft-power")) == (CardKind.TERM, "soft-power")
    assert parse_key("q-single") == (CardKind.QUESTION, "q-single")


def test_a_mistake_whose_key_an_assignment_holds_back_makes_no_card(app, klass):
    student = add_student(app, klass, 1)
    graded_attempt(app, student, add_assignment(app, klass), WRONG_SINGLE)
    with app.app_context():
        learner_id = learner_id_of(student)
        assert cards_of(learner_id) == {}
        assert sync_cards(learner_id, app.extensions["catalog"], utcnow(), force=True).created == 0


def test_an_attempt_submitted_when_its_time_ran_out_makes_its_cards(timed_app):
    with timed_app.app_context():
        catalog = timed_app.extensions["catalog"]
        quiz = catalog.quizzes["demo-quiz"]
        learner_id = create_learner()
        attempt = start_attempt(learner_id, quiz, catalog, practice_rules(quiz))
        save_answers(attempt, catalog, stored(WRONG_SINGLE))
        attempt.deadline_dt = utcnow() - timedelta(minutes=1)
        db.session.commit()
        start_attempt(learner_id, quiz, catalog, practice_rules(quiz))  # finds it timed out
        card = cards_of(learner_id)["q-single"]
        assert card.last_review_dt == attempt.deadline_dt


def test_an_assignment_attempt_found_timed_out_when_its_student_starts_again_makes_its_cards(
    app, client, klass
):
    assignment_id = add_assignment(
        app,
        klass,
        time_limit_minutes=10,
        review_key="immediately",
        review_correctness="immediately",
    )
    student = add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    start = f"/en/assignments/{assignment_id}/start"
    token = {"csrf_token": csrf_token(client.get("/en/assignments").get_data(as_text=True))}
    client.post(start, data=token)
    with app.app_context():
        attempt = db.session.scalar(select(Attempt))
        save_answers(attempt, app.extensions["catalog"], stored(WRONG_SINGLE))
        attempt.deadline_dt = utcnow() - timedelta(minutes=1)
        db.session.commit()
    client.post(start, data=token)  # submits the one whose time is up, starts the second
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 2
        assert set(cards_of(learner_id_of(student))) == {"q-single"}
