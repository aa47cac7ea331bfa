"""A whole attempt with a fill-in-the-blanks question, through the pages and through the API."""

import re

import pytest

from tests.cloze_content import add_cloze
from tests.conftest import close_app, csrf_token, make_app

PARTLY = {"answer-q-cloze-year": "2019", "answer-q-cloze-tool": "zalo", "answer-q-cloze-whom": "x"}
LABELS = {"en": "Blank 2 of 3", "vi": "Chỗ trống 2 trên 3", "ru": "Пропуск 2 из 3"}


@pytest.fixture
def app(tmp_path, content_copy):
    app = make_app(tmp_path, content_dir=add_cloze(content_copy))
    yield app
    close_app(app)


def start(client, lang="en"):
    page = client.get(f"/{lang}/quizzes/demo-quiz").get_data(as_text=True)
    response = client.post(
        f"/{lang}/quizzes/demo-quiz/attempts", data={"csrf_token": csrf_token(page)}
    )
    url = response.headers["Location"]
    return url, client.get(url).get_data(as_text=True)


def cloze_section(page: str) -> str:
    return re.search(r'<section[^>]*id="q-q-cloze".*?</section>', page, re.S)[0]


@pytest.mark.parametrize("lang", ["vi", "ru", "en"])
def test_the_passage_has_a_labelled_input_or_select_per_gap(client, lang):
    _url, page = start(client, lang)
    section = cloze_section(page)
    assert f'aria-label="{LABELS[lang]}"' in section
    year = re.search(r'<input[^>]*name="answer-q-cloze-year"[^>]*>', section)[0]
    assert 'autocomplete="off"' in year and 'spellcheck="false"' in year
    select = re.search(r'<select[^>]*name="answer-q-cloze-tool".*?</select>', section, re.S)[0]
    assert re.search(r'<option value="">[^<]*</option>\s*<option', select)  # a blank first
    assert "press office" not in section and "пресс-служба" not in section  # no key


def test_ru_numbers_the_gaps_in_its_own_order(client):
    _url, page = start(client, "ru")
    section = cloze_section(page)
    assert re.search(r'aria-label="Пропуск 1 из 3"[^>]*name="answer-q-cloze-tool"', section) or (
        re.search(r'name="answer-q-cloze-tool"[^>]*aria-label="Пропуск 1 из 3"', section)
    )


def test_saved_reloaded_submitted_and_explained_gap_by_gap(client):
    url, page = start(client)
    response = client.post(url, data={"csrf_token": csrf_token(page), **PARTLY, "action": "save"})
    assert response.status_code == 302
    again = cloze_section(client.get(url).get_data(as_text=True))
    assert re.search(r'name="answer-q-cloze-year"[^>]*value="2019"', again)
    assert re.search(r'<option selected value="zalo">', again)
    assert re.search(r'name="answer-q-cloze-whom"[^>]*value="x"', again)
    page = client.get(url).get_data(as_text=True)
    client.post(url, data={"csrf_token": csrf_token(page), **PARTLY, "action": "submit"})
    result = client.get(url).get_data(as_text=True)
    card = re.search(r'<li class="card result[^"]*" id="q-q-cloze".*?</li>\s*</ol>', result, re.S)[
        0
    ]
    assert "result-partial" in card
    assert "0.67 of 1 points" in card
    for line in ("1. 2019", "2. Zalo", "3. x", "3. the press office"):
        assert f"<li>{line}</li>" in card


def test_too_long_a_text_must_be_shortened_and_keeps_what_was_saved(client):
    url, page = start(client)
    client.post(url, data={"csrf_token": csrf_token(page), **PARTLY, "action": "save"})
    page = client.get(url).get_data(as_text=True)
    too_long = {"answer-q-cloze-year": "9" * 201}
    response = client.post(url, data={"csrf_token": csrf_token(page), **too_long, "action": "save"})
    shown = cloze_section(response.get_data(as_text=True))
    assert "Blank 1 is too long" in shown
    reloaded = cloze_section(client.get(url).get_data(as_text=True))
    assert re.search(r'name="answer-q-cloze-year"[^>]*value="2019"', reloaded)


def session_headers(client):
    return {"X-CSRFToken": client.get("/api/v1/session").get_json()["csrf_token"]}


def test_a_whole_attempt_through_the_api(client):
    headers = session_headers(client)
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts?lang=ru", headers=headers)
    question = next(q for q in attempt.get_json()["questions"] if q["id"] == "q-cloze")
    gaps = [part["gap"] for part in question["passage"] if "gap" in part]
    assert gaps == ["tool", "year", "whom"]
    assert "пресс-служба" not in str(question)
    url = f"/api/v1/attempts/{attempt.get_json()['id']}"
    answer = {"year": "2019", "tool": "fax", "whom": "Пресс-служба"}
    saved = client.put(
        f"{url}/answers?lang=ru", json={"answers": {"q-cloze": answer}}, headers=headers
    )
    assert saved.status_code == 200
    assert client.get(url).get_json()["answers"]["q-cloze"] == answer
    result = client.post(f"{url}/submit?lang=ru", headers=headers).get_json()
    cloze = next(q for q in result["questions"] if q["id"] == "q-cloze")
    assert cloze["status"] == "partial"
    assert cloze["points"] == pytest.approx(2 / 3, abs=1e-3)
    assert cloze["correct_answer_text"] == ["1. Zalo", "2. 2019", "3. пресс-служба"]


@pytest.mark.parametrize(
    "answer", [{"nope": "x"}, {"tool": "telex"}, {"year": 2019}, ["2019"], "2019"]
)
def test_answers_of_the_wrong_shape_are_refused(client, answer):
    headers = session_headers(client)
    attempt = client.post("/api/v1/quizzes/demo-quiz/attempts", headers=headers).get_json()
    url = f"/api/v1/attempts/{attempt['id']}/answers"
    response = client.put(url, json={"answers": {"q-cloze": answer}}, headers=headers)
    assert response.status_code == 400
