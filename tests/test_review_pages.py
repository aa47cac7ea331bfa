"""The Review pages: the count in the menu, a session card by card, flashcards, the summary and
the settings, through the forms a learner sends (no JavaScript)."""

import re
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from course.extensions import db
from course.i18n import TIMEZONE_COOKIE
from course.learners.current import SESSION_KEY, learner_for_user
from course.progress.learners import mark_lesson_done
from course.quizzes.models import Answer, Attempt, AttemptKind
from course.spaced_review.menu import KEPT, KEPT_FOR
from course.spaced_review.models import ReviewCard, ReviewLog, ReviewSettings
from course.spaced_review.settings import save_settings
from course.timeutil import utcnow
from tests.conftest import LANGS, csrf_token
from tests.factories import create_learner, graded_attempt
from tests.test_api_review import NOW, browser_learner_with_due_cards, reviewed_card

COUNT_LABEL = {
    "vi": "2 thẻ đến hạn hôm nay",
    "ru": "2 карточки на сегодня",
    "en": "2 cards due today",
}
MENU_NAME = {"vi": "Ôn tập", "ru": "Повторение", "en": "Review"}
EXAMPLES = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


def menu_count(html: str, lang: str = "en") -> int | None:
    """The count after "Review" in the main menu; None when it shows none."""
    link = re.search(rf'<a href="/{lang}/review">(.*?)</a>', html, re.S)
    assert link, "the menu has no Review link"
    count = re.search(r'class="due-count" aria-hidden="true"> \((\d+)\)', link.group(1))
    return int(count.group(1)) if count else None


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def start(client, lang: str = "en") -> str:
    """Start a review session from the Review page; the address of its card page."""
    html = page(client, f"/{lang}/review")
    response = client.post(f"/{lang}/review/sessions", data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302
    return response.location


def card_form(html: str) -> tuple[str, str]:
    """The form of the card a session page shows: its address and the card's key."""
    action = re.search(r'action="([^"]+/cards/([^"]+))"', html)
    assert action, "the page shows no card to answer"
    return action.group(1), action.group(2)


def send(client, html: str, **fields):
    action, _key = card_form(html)
    return client.post(action, data={"csrf_token": csrf_token(html), **fields})


def learner_id_of(app, user_id: int) -> int:
    with app.app_context():
        return learner_for_user(user_id).id


def card_of(app, learner_id: int, item_id: str) -> ReviewCard:
    with app.app_context():
        return db.session.scalar(
            select(ReviewCard).where(
                ReviewCard.learner_id == learner_id, ReviewCard.item_id == item_id
            )
        )


def count_of(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def missed_two(app, client, auth, user):
    """The signed-in learner missed two questions of the quiz: single choice and numeric."""
    graded_attempt(
        app, user, None, {"q-single": "economic", "q-numeric": {"text": "10", "lang": "en"}}
    )
    auth.login()
    return learner_id_of(app, user)


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_shows_how_many_cards_are_due_in_each_language(client, missed_two, lang):
    html = page(client, f"/{lang}/lessons/first-lesson")
    assert menu_count(html, lang) == 2
    link = re.search(rf'<a href="/{lang}/review">(.*?)</a>', html, re.S).group(1)
    assert link.startswith(MENU_NAME[lang])
    assert f'<span class="visually-hidden">: {COUNT_LABEL[lang]}</span>' in link


def test_a_new_visitor_sees_no_count_and_learns_how_cards_come(client):
    assert menu_count(page(client, "/en/glossary")) is None
    html = page(client, "/en/review")
    assert "Nothing to review yet" in html
    assert 'action="/en/review/sessions"' not in html


def test_a_page_everyone_shares_shows_each_learner_their_own_count(app):
    with app.app_context():
        learner_id = create_learner()
        reviewed_card(learner_id, "q-single", datetime(2020, 1, 1))
    stranger, learner = app.test_client(), app.test_client()
    with learner.session_transaction() as session:
        session[SESSION_KEY] = learner_id
    assert menu_count(page(stranger, "/en/glossary")) is None  # the page is kept from here on
    assert menu_count(page(learner, "/en/glossary")) == 1
    assert menu_count(page(stranger, "/en/glossary")) is None


@pytest.mark.parametrize(
    ("timezone", "expected"), [("Asia/Ho_Chi_Minh", 3), ("Europe/Moscow", 1), ("UTC", 2)]
)
def test_the_count_is_of_the_day_in_the_browsers_time_zone(
    app, client, monkeypatch, timezone, expected
):
    monkeypatch.setattr("course.spaced_review.menu.utcnow", lambda: NOW)
    browser_learner_with_due_cards(app, client)
    client.set_cookie(TIMEZONE_COOKIE, timezone)
    assert menu_count(page(client, "/en/")) == expected


def test_a_change_made_elsewhere_shows_in_the_menu_within_five_minutes(app, client, monkeypatch):
    clock = [NOW]
    monkeypatch.setattr("course.spaced_review.menu.utcnow", lambda: clock[0])
    learner_id = browser_learner_with_due_cards(app, client)
    client.set_cookie(TIMEZONE_COOKIE, "UTC")
    assert menu_count(page(client, "/en/")) == 2
    with app.app_context():  # reviewed on another device: due again now
        card = db.session.scalar(
            select(ReviewCard).where(
                ReviewCard.learner_id == learner_id, ReviewCard.item_id == "q-numeric"
            )
        )
        card.due_dt = NOW
        db.session.commit()
    clock[0] = NOW + KEPT_FOR - timedelta(seconds=1)
    assert menu_count(page(client, "/en/glossary")) == 2  # the browser's count is kept
    clock[0] = NOW + KEPT_FOR
    assert menu_count(page(client, "/en/glossary")) == 3


def test_the_count_kept_ends_with_the_learners_day(app, client, monkeypatch):
    clock = [datetime(2026, 3, 10, 16, 58)]  # 23:58 in Hanoi
    monkeypatch.setattr("course.spaced_review.menu.utcnow", lambda: clock[0])
    browser_learner_with_due_cards(app, client)
    client.set_cookie(TIMEZONE_COOKIE, "Asia/Ho_Chi_Minh")
    assert menu_count(page(client, "/en/")) is None  # the first card is due at 03:00
    clock[0] = datetime(2026, 3, 10, 17, 0)  # midnight in Hanoi, two minutes later
    assert menu_count(page(client, "/en/")) == 3


def test_the_learners_own_change_shows_at_once(app, client, missed_two):
    html = page(client, "/en/lessons/first-lesson")
    assert menu_count(html) == 2
    response = client.post("/en/lessons/first-lesson/done", data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302
    with app.app_context():
        terms = set(app.extensions["catalog"].lessons["first-lesson"].key_terms)
    assert terms, "the first lesson has key terms, which become new cards"
    assert menu_count(page(client, "/en/glossary")) == 2 + len(terms)


def test_cards_made_by_a_request_that_only_reads_show_at_once(app, client, missed_two):
    with app.app_context():
        db.session.execute(delete(ReviewCard))
        db.session.commit()
    assert menu_count(page(client, "/en/glossary")) is None
    # Reading what is due brings the cards up to date with the attempts: they are made again.
    assert client.get("/api/v1/review").get_json()["due"]["total"] == 2
    assert menu_count(page(client, "/en/glossary")) == 2


@EXAMPLES
@given(
    kept=st.one_of(
        st.none(),
        st.lists(
            st.one_of(st.integers(), st.text(max_size=20), st.floats(), st.none()), max_size=5
        ),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
        st.text(max_size=20),
    )
)
def test_a_count_kept_in_another_shape_is_worked_out_again(app, kept):
    """A session cookie from an older version of the course (signed, so not forged)."""
    client = app.test_client()
    with app.app_context():
        learner_id = create_learner()
        reviewed_card(learner_id, "q-single", datetime(2020, 1, 1))
    with client.session_transaction() as session:
        session[SESSION_KEY] = learner_id
        session[KEPT] = kept
    assert menu_count(page(client, "/en/glossary")) == 1


def test_a_right_answer_shows_why_and_when_it_comes_back_and_the_count_falls(
    app, client, missed_two
):
    html = page(client, start(client))
    assert "Card 1 of 2" in html
    answers = {"q-single": {"answer-q-single": "public"}, "q-numeric": {"answer-q-numeric": "73.6"}}
    _action, key = card_form(html)
    response = send(client, html, **answers[key])
    assert response.status_code == 302
    feedback = page(client, response.location)
    assert "Correct" in feedback and "Incorrect" not in feedback
    assert "Why" in feedback and "comes back" in feedback
    card = card_of(app, missed_two, key)
    assert card.due_dt > utcnow()
    assert menu_count(feedback) == 1


def test_a_wrong_answer_shows_the_key_and_the_card_stays_due_today(app, client, missed_two):
    html = page(client, start(client))
    _action, key = card_form(html)
    wrong = {"q-single": {"answer-q-single": "defence"}, "q-numeric": {"answer-q-numeric": "5"}}
    feedback = page(client, send(client, html, **wrong[key]).location)
    assert "Incorrect" in feedback
    assert "Correct answer" in feedback
    assert ("public diplomacy" if key == "q-single" else "73.6") in feedback
    card = card_of(app, missed_two, key)
    assert (card.due_dt - utcnow()).total_seconds() < 24 * 3600
    assert menu_count(feedback) == 2


def test_an_answer_to_fix_is_refused_with_its_reason_and_nothing_is_stored(app, client, missed_two):
    url = start(client)
    html = page(client, url)
    if card_form(html)[1] != "q-numeric":
        html = page(client, send(client, html, **{"answer-q-single": "public"}).location)
        html = page(client, url)
    answers_before = count_of(app, Answer)
    response = send(client, html, **{"answer-q-numeric": "XXI"})
    assert response.status_code == 422
    assert 'class="field-error"' in response.get_data(as_text=True)
    assert 'value="XXI"' in response.get_data(as_text=True)
    assert count_of(app, Answer) == answers_before


def test_a_card_sent_twice_is_answered_once(app, client, missed_two):
    html = page(client, start(client))
    fields = {"answer-q-single": "public", "answer-q-numeric": "73.6"}
    send(client, html, **fields)
    logs = count_of(app, ReviewLog)
    again = send(client, html, **fields)
    assert again.status_code == 302
    assert "answered already" in page(client, again.location)
    assert count_of(app, ReviewLog) == logs


def test_the_summary_says_how_many_how_well_and_when_the_next_is_due(client, missed_two):
    url = start(client)
    for _card in range(2):
        html = page(client, url)
        send(client, html, **{"answer-q-single": "public", "answer-q-numeric": "1"})
    summary = page(client, url)
    assert "Session finished" in summary
    assert "2 cards reviewed" in summary
    assert "1 of 2 questions answered correctly." in summary
    assert "The next card is due" in summary
    assert menu_count(summary) == 1


@pytest.fixture
def flashcards(app, client, auth, user):
    """The signed-in learner did the first lesson: its two key terms are new flashcards."""
    with app.app_context():
        learner_id = learner_for_user(user).id
        mark_lesson_done(learner_id, "first-lesson")
        save_settings(learner_id, shown_lang="ru", shown_part="term", recalled_lang="vi")
    auth.login()
    return learner_id


def test_a_flashcard_shows_the_chosen_pair_and_is_rated_with_four_buttons(app, client, flashcards):
    html = page(client, start(client, "en"))
    assert '<p class="flash-front" id="flash-front" lang="ru">цифровая дипломатия</p>' in html
    assert "Ngoại giao được tiến hành bằng Internet" in html  # behind "Show the answer"
    assert re.findall(r'name="rating" value="(\d)"', html) == ["1", "2", "3", "4"]
    response = send(client, html, rating="4")
    assert response.status_code == 302
    card = card_of(app, flashcards, "digital-diplomacy")
    assert card.due_dt.date() > utcnow().date()
    with app.app_context():
        assert db.session.scalar(select(ReviewLog.rating)) == 4
    assert "мягкая сила" in page(client, response.location)


NOT_A_RATING = st.text().filter(lambda text: text not in {"1", "2", "3", "4"})


@given(
    fields=st.fixed_dictionaries({}, optional={"rating": NOT_A_RATING, "duration_ms": st.text()})
)
@EXAMPLES
def test_a_forged_rating_is_refused_and_rates_nothing(app, client, flashcards, fields):
    html = page(client, start(client))
    logs = count_of(app, ReviewLog)
    response = send(client, html, **fields)
    assert response.status_code == 400
    assert count_of(app, ReviewLog) == logs
    assert card_form(page(client, start(client))) == card_form(html)


def test_a_session_is_its_learners_alone(app, client, missed_two):
    url = start(client)
    assert app.test_client().get(url).status_code == 404
    with app.app_context():
        quiz_attempt = db.session.scalar(select(Attempt.id).where(Attempt.kind == AttemptKind.QUIZ))
    assert client.get(f"/en/review/sessions/{quiz_attempt}").status_code == 404


def test_a_card_whose_question_left_the_course_is_said_so(app, client, missed_two):
    with app.app_context():
        attempt = Attempt(
            learner_id=missed_two,
            quiz_id="review:session",
            kind=AttemptKind.REVIEW,
            started_dt=utcnow(),
            seed=1,
            question_ids=["q-removed"],
            max_score=1,
        )
        db.session.add(attempt)
        db.session.commit()
        attempt_id = attempt.id
    response = client.get(f"/en/review/sessions/{attempt_id}")
    assert response.status_code == 302
    assert "removed from the course" in page(client, response.location)


def settings_page(client, lang="en") -> str:
    return page(client, f"/{lang}/review/settings")


def post_settings(client, html, lang="en", **changes):
    fields = {
        "retention_percent": "90",
        "new_per_day": "10",
        "shown_lang": "",
        "shown_part": "term",
        "recalled_lang": "",
        "recalled_part": "definition",
        "csrf_token": csrf_token(html),
        **changes,
    }
    return client.post(f"/{lang}/review/settings", data=fields)


def stored_settings_of(app, learner_id):
    with app.app_context():
        return db.session.get(ReviewSettings, learner_id)


def test_settings_are_saved_from_the_form(app, client, missed_two):
    html = settings_page(client, "ru")
    assert 'value="90"' in html and 'value="10"' in html
    response = post_settings(
        client, html, "ru", retention_percent="85", new_per_day="5", is_every_answer="y"
    )
    assert response.status_code == 302
    assert "Настройки повторения сохранены." in page(client, response.location)
    saved = stored_settings_of(app, missed_two)
    assert (saved.desired_retention, saved.new_per_day, saved.is_every_answer) == (0.85, 5, True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"retention_percent": "98"}, "Укажите целое число от 70 до 97."),
        ({"new_per_day": "-1"}, "Укажите целое число от 0 до 100."),
        ({"retention_percent": "0,9"}, "Введите целое число."),
        (
            {"shown_lang": "vi", "recalled_lang": "vi", "recalled_part": "term"},
            "То, что нужно вспомнить, должно отличаться от того, что показано.",
        ),
        ({"shown_lang": "fr"}, None),  # a forged choice
    ],
)
def test_settings_out_of_range_are_refused_with_the_reason(
    app, client, missed_two, changes, message
):
    response = post_settings(client, settings_page(client, "ru"), "ru", **changes)
    assert response.status_code == 422
    assert stored_settings_of(app, missed_two) is None
    html = response.get_data(as_text=True)
    assert 'class="field-error"' in html
    assert message is None or message in html


def test_a_retention_the_form_shows_rounded_is_kept_as_it_was(app, client, missed_two):
    with app.app_context():
        save_settings(missed_two, desired_retention=0.925)
    html = settings_page(client)
    shown = re.search(r'<input[^>]*name="retention_percent"[^>]*value="(\d+)"', html).group(1)
    assert shown in {"92", "93"}  # Python rounds half to even
    post_settings(client, html, retention_percent=shown, new_per_day="3")
    saved = stored_settings_of(app, missed_two)
    assert (saved.desired_retention, saved.new_per_day) == (0.925, 3)


def test_the_review_page_says_when_a_question_left_the_course(app, client, missed_two):
    page(client, "/en/review")  # the cards are brought up to date
    catalog = app.extensions["catalog"]
    questions = {k: v for k, v in catalog.questions.items() if k != "q-single"}
    app.extensions["catalog"] = replace(catalog, questions=questions)
    with app.app_context():
        db.session.get(ReviewSettings, missed_two).synced_dt = None  # as after an hour
        db.session.commit()
    html = page(client, "/en/review")
    assert "1 card was retired: its question or term is no longer in the course." in html
    assert menu_count(html) == 1
    assert "1 card was retired" not in page(client, "/en/review")  # said once
