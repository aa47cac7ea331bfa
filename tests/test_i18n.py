"""Languages: URL prefixes, the root redirect, the switcher, and complete catalogs."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import CATALOG_LANGS, LANGS

TRANSLATIONS = Path(__file__).parent.parent / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("vi-VN,vi;q=0.9,en;q=0.5", "/vi/"), ("ru,en;q=0.5", "/ru/"), ("de-DE", "/en/"), ("", "/en/")],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_root_prefers_the_language_last_used(client):
    client.get("/ru/glossary")
    response = client.get("/", headers={"Accept-Language": "vi"})
    assert response.headers["Location"] == "/ru/"


def test_root_prefers_the_accounts_saved_language(client, auth, user):
    auth.login(lang="vi")
    client.delete_cookie("lang")
    response = client.get("/", headers={"Accept-Language": "ru"})
    assert response.headers["Location"] == "/vi/"


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_matches_the_url(client, lang):
    html = client.get(f"/{lang}/lessons/first-lesson").get_data(as_text=True)
    assert f'<html lang="{lang}">' in html


def test_switcher_links_to_the_same_page_in_each_language(client):
    html = client.get("/en/lessons/second-lesson").get_data(as_text=True)
    assert 'href="/vi/lessons/second-lesson"' in html
    assert 'href="/ru/lessons/second-lesson"' in html


def test_unknown_language_is_a_translated_404(client):
    response = client.get("/de/lessons/first-lesson", headers={"Accept-Language": "ru"})
    assert response.status_code == 404
    assert "Страница не найдена" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("count", "word"),
    [(1, "1 вопрос"), (2, "2 вопроса"), (5, "5 вопросов"), (21, "21 вопрос"), (12, "12 вопросов")],
)
def test_russian_plural_forms(app, count, word):
    from flask_babel import ngettext

    with app.test_request_context("/ru/"):
        from flask import g

        g.lang = "ru"
        assert ngettext("%(num)d question", "%(num)d questions", count) == word


def test_numbers_and_percentages_follow_the_locale(app):
    from flask import g

    from course.templating import number, percent

    expected = {"en": ("73.6", "85.5%"), "vi": ("73,6", "85,5%"), "ru": ("73,6", "85,5\xa0%")}
    for lang, (decimal, pct) in expected.items():
        with app.test_request_context(f"/{lang}/"):
            g.lang = lang
            assert number(73.6) == decimal
            assert percent(85.5) == pct


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_catalog_is_complete_with_matching_placeholders(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) != expected:
                problems.append(f"placeholders differ: {ids[0]!r} → {string!r}")
    assert not problems, "\n".join(problems)


def test_catalogs_hold_every_string_in_the_code(tmp_path):
    """Catches a new interface string that nobody extracted and translated."""
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parent.parent
    method_map = [("course/**.py", "python"), ("course/**/templates/**.html", "jinja2")]
    keywords = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None}
    in_code = {
        (msg if isinstance(msg, str) else msg[0])
        for _file, _line, msg, _comments, _context in extract_from_dir(
            str(root), method_map=method_map, keywords=keywords
        )
    }
    with open(TRANSLATIONS / "ru" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle)}
    assert not sorted(in_code - in_catalog)
