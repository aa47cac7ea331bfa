"""One languages module: a fourth language in the configuration is checked in every field of the
real content, `flask translate init` starts its catalog, and Babel's rules are the catalogs'."""

import gettext
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from ruamel.yaml import YAML

from course import create_app
from course.cli import content_cli
from course.content.loader import load_catalog
from course.content.problems import ContentError
from course.languages import COURSE_CODES, COURSE_LANGUAGES, language
from course.paths import PROJECT_ROOT
from tests.conftest import CATALOG_LANGS, LANGS, close_app, make_app

FOURTH = "fr"
PROBLEM = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<message>.*)$")
CATALOG = load_catalog(PROJECT_ROOT)


def translatable_fields() -> set[tuple[str, int]]:
    """Where the real content has a text in each course language: its file and the key's line."""
    yaml = YAML(typ="rt")
    files = sorted([*PROJECT_ROOT.glob("lessons/**/*.yaml"), *PROJECT_ROOT.glob("quizzes/*.yaml")])
    return {
        (str(file.relative_to(PROJECT_ROOT)), line)
        for file in files
        for line in _localized_lines(yaml.load(file.read_text(encoding="utf-8")))
    }


def _localized_lines(data: Any) -> Iterator[int]:
    if isinstance(data, list):
        for item in data:
            yield from _localized_lines(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict) and set(value) == set(COURSE_CODES):
                yield data.lc.key(key)[0] + 1
            else:
                yield from _localized_lines(value)


def parsed(problems: list[str]) -> list[tuple[str, int, str]]:
    matches = [PROBLEM.match(problem) for problem in problems]
    assert all(matches), problems
    return [(m["file"], int(m["line"]), m["message"]) for m in matches]


@pytest.fixture(scope="module")
def check_with_a_fourth_language() -> list[tuple[str, int, str]]:
    """`flask content check` on the real content, with French added to the languages."""
    environment = {"COURSE_LANGUAGES": ",".join([*COURSE_CODES, FOURTH])}
    environment["COURSE_CONTENT_DIR"] = str(PROJECT_ROOT)
    result = CliRunner().invoke(content_cli, ["check"], env=environment)
    assert result.exit_code == 1
    return parsed(result.output.splitlines()[1:])


def test_content_check_names_every_field_missing_the_new_language(check_with_a_fourth_language):
    fields = [p for p in check_with_a_fourth_language if "lesson file" not in p[2]]
    assert all(f"'{FOURTH}'" in message for _, _, message in fields)
    assert len(fields) == len(translatable_fields())
    assert {(file, line) for file, line, _ in fields} == translatable_fields()
    named = Counter(message.split("'")[1] for _, _, message in fields)
    assert named["prompt"] == named["explanation"] == len(CATALOG.questions)
    assert named["term"] == named["definition"] == len(CATALOG.glossary)
    assert named["event"] == len(CATALOG.timeline)
    assert named["cite_as"] == len(CATALOG.sources)


def test_content_check_names_every_lesson_file_missing(check_with_a_fourth_language):
    lesson_files = {
        message for _, _, message in check_with_a_fourth_language if "lesson" in message
    }
    assert lesson_files == {
        f"missing lesson file {lesson_id}.{FOURTH}.md" for lesson_id in CATALOG.lessons
    }


def test_the_app_refuses_to_start_with_the_same_report(tmp_path, check_with_a_fourth_language):
    with pytest.raises(ContentError) as caught:
        create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
                "CONTENT_DIR": str(PROJECT_ROOT),
                "LANGUAGES": (*COURSE_CODES, FOURTH),
            }
        )
    assert parsed([str(p) for p in caught.value.problems]) == check_with_a_fourth_language


@pytest.mark.parametrize(
    "languages", [(*COURSE_CODES, "xx-nowhere"), ("vi", "ru")], ids=["unknown", "no-default"]
)
def test_the_app_refuses_languages_it_cannot_serve(tmp_path, languages):
    with pytest.raises(ValueError, match="language"):
        make_app(tmp_path, LANGUAGES=languages)


@pytest.fixture
def app_with_no_catalogs(tmp_path):
    app = make_app(tmp_path, BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "translations"))
    yield app
    close_app(app)


def test_translate_init_starts_a_catalog_with_babels_plural_rules(tmp_path, app_with_no_catalogs):
    app = app_with_no_catalogs
    result = app.test_cli_runner().invoke(args=["translate", "init", FOURTH])
    assert result.exit_code == 0, result.output
    catalog_file = tmp_path / "translations" / FOURTH / "LC_MESSAGES" / "messages.po"
    with catalog_file.open("rb") as file:
        catalog = read_po(file)
    assert plural_rule(catalog.plural_forms) == plural_rule(language(FOURTH).plural_forms)
    assert catalog["Please sign in to see this page."].string == ""
    again = app.test_cli_runner().invoke(args=["translate", "init", FOURTH])
    assert again.exit_code == 2
    assert "translate update" in again.output


def test_translate_init_refuses_an_unknown_language(app):
    result = app.test_cli_runner().invoke(args=["translate", "init", "xx-nowhere"])
    assert result.exit_code == 2
    assert "unknown language code" in result.output


def plural_rule(plural_forms: str) -> tuple[int, list[int]]:
    """The number of forms of a Plural-Forms header, and the form it picks for 0 to 299."""
    count, expression = re.fullmatch(r"nplurals=(\d+); *plural=(.*?);?", plural_forms).groups()
    form_of = gettext.c2py(expression)
    return int(count), [form_of(n) for n in range(300)]


@pytest.mark.parametrize("code", CATALOG_LANGS)
def test_each_catalog_has_babels_plural_rules(code):
    with (PROJECT_ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as file:
        in_catalog = read_po(file).plural_forms
    assert plural_rule(in_catalog) == plural_rule(language(code).plural_forms)


def test_the_switcher_shows_each_language_by_its_native_name(client):
    page = client.get("/en/").get_data(as_text=True)
    for course_language in COURSE_LANGUAGES:
        assert course_language.native_name in page
    assert ["Tiếng Việt", "Русский", "English"] == [lang.native_name for lang in COURSE_LANGUAGES]


def test_the_api_offers_the_languages_in_force(client):
    document = client.get("/api/v1/openapi.json").get_json()
    parameter = document["paths"]["/catalog"]["get"]["parameters"][0]
    assert parameter["schema"]["enum"] == list(LANGS)
