"""Review cards, their log and settings at sign-up: the browser's move into the account."""

import json
from datetime import datetime, timedelta

import fsrs
from sqlalchemy import select

from course.accounts.models import User
from course.extensions import db
from course.learners.current import learner_for_user, merge_learners
from course.spaced_review.models import CardKind, ReviewCard, ReviewLog, ReviewSettings
from course.spaced_review.scheduling import apply_rating
from tests.conftest import csrf_token
from tests.factories import create_card, create_learner, sign_in

NOON = datetime(2026, 3, 10, 12, 0)


def rated(learner_id, item_id, when, rating=fsrs.Rating.Good, kind=CardKind.QUESTION):
    card = create_card(learner_id, kind, item_id)
    apply_rating(card, rating, when, retention=0.9)
    db.session.commit()
    return card.id


def cards_of(learner_id):
    query = select(ReviewCard).where(ReviewCard.learner_id == learner_id)
    return {card.item_id: card for card in db.session.scalars(query)}


def test_cards_logs_and_settings_move_into_the_account_and_the_last_reviewed_card_wins(app, user):
    with app.app_context():
        browser = create_learner()
        account = learner_for_user(user).id
        only_browser = rated(browser, "q-single", NOON, fsrs.Rating.Again)
        newer_in_browser = rated(browser, "q-multiple", NOON + timedelta(days=2))
        older_in_browser = rated(browser, "q-numeric", NOON)
        newer_in_account = rated(account, "q-numeric", NOON + timedelta(days=1), fsrs.Rating.Hard)
        older_in_account = rated(account, "q-multiple", NOON)
        db.session.add(ReviewSettings(learner_id=browser, new_per_day=25))
        db.session.commit()

        merge_learners(browser, account)

        cards = cards_of(account)
        assert {item: card.id for item, card in cards.items()} == {
            "q-single": only_browser,
            "q-multiple": newer_in_browser,
            "q-numeric": newer_in_account,
        }
        assert cards["q-single"].due_dt == NOON + timedelta(minutes=1)  # its state came along
        logs = db.session.scalars(select(ReviewLog.card_id)).all()
        assert sorted(logs) == sorted([only_browser, newer_in_browser, newer_in_account])
        assert older_in_browser not in logs and older_in_account not in logs
        assert db.session.get(ReviewSettings, account).new_per_day == 25
        assert db.session.get(ReviewSettings, browser) is None


def test_the_accounts_own_settings_stay(app, user):
    with app.app_context():
        browser = create_learner()
        account = learner_for_user(user).id
        db.session.add(ReviewSettings(learner_id=browser, new_per_day=25))
        db.session.add(ReviewSettings(learner_id=account, new_per_day=5))
        db.session.commit()
        merge_learners(browser, account)
        assert db.session.get(ReviewSettings, account).new_per_day == 5


def test_the_data_download_holds_the_cards_their_log_and_the_settings(app, client, user):
    with app.app_context():
        account = learner_for_user(user).id
        rated(account, "q-single", NOON, fsrs.Rating.Again)
        db.session.add(ReviewSettings(learner_id=account, desired_retention=0.85))
        db.session.commit()
    sign_in(client, "learner@example.org", "correct horse")
    data = json.loads(client.get("/en/account/data").get_data(as_text=True))
    (card,) = data["review"]["cards"]
    assert card["item_id"] == "q-single"
    assert card["due_at"] == "2026-03-10T12:01:00Z"
    assert [log["rating"] for log in card["log"]] == [1]
    assert data["review"]["settings"]["desired_retention"] == 0.85


def test_the_flashcards_of_a_lesson_done_before_signing_up_are_the_accounts(app, client, auth):
    page = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    client.post("/en/lessons/first-lesson/done", data={"csrf_token": csrf_token(page)})
    auth.register()
    with app.app_context():
        (user,) = db.session.scalars(select(User)).all()
        terms = app.extensions["catalog"].lessons["first-lesson"].key_terms
        cards = cards_of(learner_for_user(user.id).id)
        assert set(cards) == set(terms)
        assert db.session.scalar(select(db.func.count(ReviewCard.id))) == len(terms)
