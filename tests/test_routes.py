"""Every page answers in each language; unknown IDs give a translated 404, never a 500."""

import pytest

from tests.conftest import LANGS

PAGES = [
    "/{lang}/",
    "/{lang}/modules/demo",
    "/{lang}/lessons/first-lesson",
    "/{lang}/lessons/second-lesson",
    "/{lang}/glossary",
    "/{lang}/timeline",
    "/{lang}/sources",
    "/{lang}/progress",
    "/{lang}/quizzes/demo-quiz",
    "/{lang}/quizzes/final-exam",
    "/{lang}/register",
    "/{lang}/login",
]

MISSING = [
    "/{lang}/modules/nope",
    "/{lang}/lessons/nope",
    "/{lang}/quizzes/nope",
    "/{lang}/attempts/999",
    "/{lang}/attempts/abc",
    "/{lang}/no/such/page",
]

NOT_FOUND_TITLE = {
    "en": "Page not found",
    "vi": "Không tìm thấy trang",
    "ru": "Страница не найдена",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_each_language(client, lang, page):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", MISSING)
def test_unknown_ids_are_a_translated_404(client, lang, page):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 404
    assert NOT_FOUND_TITLE[lang] in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "page", ["/en/lessons/first-lesson/done", "/en/quizzes/demo-quiz/attempts", "/en/logout"]
)
def test_state_changing_routes_refuse_get(client, page):
    assert client.get(page).status_code == 405


def test_lesson_page_shows_citations_terms_and_navigation(client):
    html = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    assert 'href="/en/sources#vi-6"' in html
    assert "Phương Minh 2024, ¶6" in html
    assert "Allamuradov 2022, ¶26–27" in html
    assert 'class="term" href="/en/glossary#term-soft-power"' in html
    assert 'data-definition="Influence won by attraction rather than coercion."' in html
    assert 'rel="next" href="/en/lessons/second-lesson"' in html
    assert "Key terms" in html
    assert "Summary" in html


def test_citation_labels_are_localized(client):
    html = client.get("/ru/lessons/first-lesson").get_data(as_text=True)
    assert "Алламурадов 2022, ¶26–27" in html
    assert 'href="/ru/sources#ru-26"' in html


def test_sources_page_has_an_anchor_for_every_paragraph(client):
    html = client.get("/en/sources").get_data(as_text=True)
    assert 'id="vi-17"' in html
    assert 'id="ru-36"' in html
    assert "Allamuradov" in html
    assert "Phương Minh" in html


def test_timeline_dates_follow_the_locale(client):
    assert "October 11, 2016" in client.get("/en/timeline").get_data(as_text=True)
    assert "11 октября 2016" in client.get("/ru/timeline").get_data(as_text=True)


def test_oversized_request_is_refused_cleanly(client):
    response = client.post("/en/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
