"""Taking a quiz end to end: start, save as you go, switch language, submit, see the result."""

import re

import pytest

from course.extensions import db
from course.quizzes.models import Attempt
from tests.conftest import LANGS, csrf_token

FULL_MARKS = {
    "answer-q-single": "public",
    "answer-q-multiple": ["cyber", "virtual"],
    "answer-q-truefalse": "false",
    "answer-q-ordering-statecraft": "1",
    "answer-q-ordering-singapore": "2",
    "answer-q-ordering-indonesia": "3",
    "answer-q-matching-india": "first",
    "answer-q-matching-usa": "second",
    "answer-q-text": "zalo",
}
NUMERIC = {"en": "73.6", "vi": "73,6", "ru": "73,6"}


def start(client, lang="en", quiz="demo-quiz"):
    page = client.get(f"/{lang}/quizzes/{quiz}").get_data(as_text=True)
    response = client.post(
        f"/{lang}/quizzes/{quiz}/attempts", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    url = response.headers["Location"]
    return url, client.get(url).get_data(as_text=True)


def post(client, url, page, answers, **extra):
    return client.post(url, data={"csrf_token": csrf_token(page), **answers, **extra})


@pytest.mark.parametrize("lang", LANGS)
def test_full_marks_in_each_language(client, lang):
    url, page = start(client, lang)
    answers = {**FULL_MARKS, "answer-q-numeric": NUMERIC[lang]}
    response = post(client, url, page, answers, action="submit")
    assert response.status_code == 302
    result = client.get(url).get_data(as_text=True)
    assert "7 / 7" in result.replace(" of ", " / ") or "100" in result
    assert 'class="score-card passed"' in result.replace(
        "card score-card passed", "score-card passed"
    )


def test_result_shows_score_key_explanation_and_citation(client):
    url, page = start(client)
    post(
        client,
        url,
        page,
        {"answer-q-single": "economic", "answer-q-multiple": ["cyber"]},
        action="submit",
    )
    html = client.get(url).get_data(as_text=True)
    assert "0.5 of 7 points" in html  # a wrong single choice, and one of two right picks
    assert "Explanation single EN" in html
    assert 'href="/en/sources#vi-6"' in html
    assert "public diplomacy" in html  # the correct answer is named
    assert "Not passed" in html


def test_answer_key_is_not_in_the_page_before_submission(client):
    _url, page = start(client)
    for secret in ("Explanation single EN", "Explanation numeric EN", "73.6", "73,6", "correct"):
        assert secret not in page
    # the ordering items are never shown already in the right order
    order = re.findall(r'name="answer-q-ordering-(\w+)"', page)
    assert order != ["statecraft", "singapore", "indonesia"]


def test_options_are_shuffled_per_attempt_and_stable_within_it(client):
    url, page = start(client)
    first = re.findall(r'value="(cyber|virtual|gunboat|shuttle)"', page)
    assert (
        re.findall(
            r'value="(cyber|virtual|gunboat|shuttle)"', client.get(url).get_data(as_text=True)
        )
        == first
    )
    assert first == re.findall(
        r'value="(cyber|virtual|gunboat|shuttle)"',
        client.get(url.replace("/en/", "/ru/")).get_data(as_text=True),
    )


def test_answers_survive_reload(client):
    url, page = start(client)
    response = post(
        client, url, page, {"answer-q-single": "public", "answer-q-text": "Zalo"}, action="save"
    )
    assert response.status_code == 302
    html = client.get(url).get_data(as_text=True)
    assert re.search(r'checked[^>]*value="public"|value="public"[^>]*checked', html)
    assert 'value="Zalo"' in html


def test_switching_language_mid_quiz_keeps_every_answer(client):
    url, page = start(client, "en")
    answers = {
        "answer-q-single": "public",
        "answer-q-multiple": ["cyber", "virtual"],
        "answer-q-numeric": "73.6",
        "answer-q-matching-india": "first",
    }
    response = post(client, url, page, answers, switch_to="vi")
    assert response.headers["Location"] == url.replace("/en/", "/vi/")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert 'value="73,6"' in html  # the number is shown again in Vietnamese style
    for value in ("public", "cyber", "virtual"):
        assert re.search(rf'checked[^>]*value="{value}"|value="{value}"[^>]*checked', html)
    assert re.search(r'<option selected value="first">|<option value="first" selected>', html)


def test_autosave_answers_with_json(client):
    url, page = start(client)
    response = client.post(
        url,
        data={"csrf_token": csrf_token(page), "answer-q-truefalse": "false"},
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 200
    assert response.get_json() == {"saved": True, "errors": {}, "revision": 1}
    assert re.search(
        r'checked[^>]*value="false"|value="false"[^>]*checked',
        client.get(url).get_data(as_text=True),
    )


def test_ambiguous_number_is_explained_not_scored_zero(client):
    url, page = start(client, "en")
    response = post(client, url, page, {"answer-q-numeric": "73,6"}, action="submit")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Did you mean" in html
    assert "73.6" in html
    assert 'value="73,6"' in html  # nothing the learner typed is lost
    assert "Your result" not in html


def test_position_given_twice_must_be_fixed_before_submitting(client):
    url, page = start(client)
    answers = {"answer-q-ordering-statecraft": "1", "answer-q-ordering-singapore": "1"}
    response = post(client, url, page, answers, action="submit")
    assert response.status_code == 422
    assert "Each position can be given to one item only." in response.get_data(as_text=True)


def test_forged_option_is_refused_and_nothing_else_is_lost(client):
    url, page = start(client)
    response = post(
        client, url, page, {"answer-q-single": "forged", "answer-q-text": "Zalo"}, action="save"
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Not a valid choice" in html or "field-error" in html
    assert 'value="Zalo"' in client.get(url).get_data(as_text=True)


def test_submitting_twice_counts_once(client, app):
    url, page = start(client)
    post(client, url, page, {**FULL_MARKS, "answer-q-numeric": "73.6"}, action="submit")
    again = post(client, url, page, {"answer-q-single": "economic"}, action="submit")
    assert again.status_code == 302
    with app.app_context():
        attempts = db.session.scalars(db.select(Attempt)).all()
        assert len(attempts) == 1
        assert attempts[0].score == 7


def test_practice_quiz_can_be_retried_and_keeps_best_and_latest(client):
    url, page = start(client)
    post(client, url, page, {**FULL_MARKS, "answer-q-numeric": "73.6"}, action="submit")
    url2, page2 = start(client)
    assert url2 != url
    post(client, url2, page2, {"answer-q-single": "public"}, action="submit")
    html = client.get("/en/quizzes/demo-quiz").get_data(as_text=True)
    assert "2 attempts" in html
    assert "Best score" in html
    assert "100%" in html
    assert "Latest score" in html
    assert "14.3%" in html


def test_starting_again_resumes_the_unfinished_attempt(client):
    url, page = start(client)
    assert f'href="{url}"' in client.get("/en/quizzes/demo-quiz").get_data(as_text=True)
    again = client.post("/en/quizzes/demo-quiz/attempts", data={"csrf_token": csrf_token(page)})
    assert again.headers["Location"] == url


def test_final_exam_draws_from_the_module_quizzes(client, app):
    url, page = start(client, quiz="final-exam")
    assert len(re.findall(r'class="question card', page)) == 4
    with app.app_context():
        attempt = db.session.scalars(db.select(Attempt)).one()
        assert len(set(attempt.question_ids)) == 4


def test_another_learners_attempt_is_not_found(client, app):
    url, _page = start(client)
    other = app.test_client()
    assert other.get(url).status_code == 404
    other.get("/en/")
    assert other.post(url, data={}).status_code in (400, 404)
