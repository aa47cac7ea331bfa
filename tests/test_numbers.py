"""Numbers in the learner's locale: the hint, the error, the field shown back and the result."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.content.loader import load_catalog
from course.content.question_types import QUESTION_TYPES, AnswerProblem, parse_number
from course.content.question_types.numeric import format_number
from tests.conftest import LANGS, close_app, make_app
from tests.test_content_validation import QUIZ, edit, problems
from tests.test_quizzes import post, start

NUMERIC = QUESTION_TYPES["numeric"]
HINT = {"en": "12,345.6", "vi": "12.345,6", "ru": "12\xa0345,6"}
NBSP, NARROW_NBSP = "\xa0", "\u202f"


def numeric(answer, unit=None, identifier=False):
    return {
        "answer": Decimal(answer),
        "tolerance": Decimal(0),
        "unit": unit,
        "identifier": identifier,
    }


def test_one_process_shows_each_language_its_own_number_style(client):
    """The hint's example was once folded into the compiled template in the first language."""
    url, _page = start(client, "en")
    for lang in ("en", "vi", "ru", "en"):
        page = client.get(url.replace("/en/", f"/{lang}/")).get_data(as_text=True)
        assert HINT[lang] in page, lang
        others = [HINT[other] for other in LANGS if other != lang]
        assert not any(other in page for other in others), lang


@pytest.mark.parametrize("lang", LANGS)
def test_the_error_gives_the_example_of_the_hint(lang):
    with pytest.raises(AnswerProblem) as problem:
        NUMERIC.read(numeric("73.6"), "XXI", lang)
    assert HINT[lang] in problem.value.message
    view = NUMERIC.form_view(numeric("73.6"), lang, None)
    assert view["example"] == HINT[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_an_identifier_hint_shows_figures_only(lang):
    view = NUMERIC.form_view(numeric("2009", identifier=True), lang, None)
    assert view == {"example": "1995", "identifier": True}


@pytest.mark.parametrize("typed_in", LANGS)
@pytest.mark.parametrize("shown_in", LANGS)
def test_a_year_is_never_grouped_in_the_field_the_result_or_the_key(typed_in, shown_in):
    data = numeric("2009")
    answer = NUMERIC.read(data, "2009", typed_in)
    assert NUMERIC.shown(data, answer, shown_in) == "2009"
    assert [str(line) for line in NUMERIC.describe(data, answer, shown_in)] == ["2009"]
    assert [str(line) for line in NUMERIC.describe_key(data, shown_in)] == ["2009"]


def test_a_year_typed_with_a_group_sign_is_shown_back_in_figures_only():
    data = numeric("2009")
    assert NUMERIC.shown(data, NUMERIC.read(data, "2.009", "vi"), "vi") == "2009"
    assert NUMERIC.shown(data, NUMERIC.read(data, "2 009", "ru"), "en") == "2009"
    assert NUMERIC.score(data, NUMERIC.read(data, "2,009", "en")) == 1.0


def test_an_identifier_of_five_figures_is_not_grouped_either():
    data = numeric("10115", identifier=True)
    assert [str(line) for line in NUMERIC.describe_key(data, "ru")] == ["10115"]


@pytest.mark.parametrize(
    ("lang", "key"), [("en", "16,000"), ("vi", "16.000"), ("ru", f"16{NBSP}000")]
)
def test_a_quantity_from_ten_thousand_is_grouped_in_the_learners_style(lang, key):
    data = numeric("16000")
    assert [str(line) for line in NUMERIC.describe_key(data, lang)] == [key]


@pytest.mark.parametrize(("lang", "key"), [("en", "73.6"), ("vi", "73,6"), ("ru", "73,6")])
def test_a_decimal_key_has_the_decimal_sign_of_the_learner(lang, key):
    assert [str(line) for line in NUMERIC.describe_key(numeric("73.6"), lang)] == [key]


@pytest.mark.parametrize(
    ("typed", "typed_in", "shown_in", "shown"),
    [
        ("73,60", "ru", "ru", "73,60"),  # the figures typed are kept
        ("73.6", "en", "vi", "73,6"),
        ("1.234,5", "vi", "en", "1234.5"),
        ("12,345.5", "en", "ru", f"12{NBSP}345,5"),
    ],
)
def test_a_stored_number_is_shown_back_in_the_pages_language(typed, typed_in, shown_in, shown):
    assert NUMERIC.shown(numeric("1"), NUMERIC.read(numeric("1"), typed, typed_in), shown_in) == (
        shown
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", ["95%", "95 %", f"95{NBSP}%", f"95{NARROW_NBSP}%", " 95 % "])
def test_a_percent_sign_with_or_without_a_space_is_read_as_the_number(lang, typed):
    assert parse_number(typed, lang) == 95
    data = numeric("95", unit={"en": "%", "vi": "%", "ru": "%"})
    assert NUMERIC.score(data, NUMERIC.read(data, typed, lang)) == 1.0


@pytest.mark.parametrize("lang", ["vi", "ru"])
def test_a_decimal_percent_reads_with_the_decimal_comma(lang):
    assert parse_number("12,5 %", lang) == Decimal("12.5")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", ["%", "95 % %", "% 95"])
def test_a_percent_sign_alone_or_twice_is_no_number(lang, typed):
    with pytest.raises(AnswerProblem):
        NUMERIC.read(numeric("95"), typed, lang)


NUMBERS = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False
)


@pytest.mark.parametrize("lang", LANGS)
@given(value=NUMBERS, grouped=st.booleans())
def test_a_number_formatted_in_a_language_reads_back_to_itself(lang, value, grouped):
    text = format_number(value, lang, grouped=grouped)
    assert parse_number(text, lang) == value


@pytest.mark.parametrize("lang", LANGS)
@given(value=NUMBERS)
def test_a_stored_answer_shown_in_any_language_scores_the_same(lang, value):
    data = numeric(str(value))
    for shown_in in LANGS:
        answer = NUMERIC.read(data, format_number(value, lang), lang)
        again = NUMERIC.read(data, NUMERIC.shown(data, answer, shown_in), shown_in)
        assert NUMERIC.score(data, again) == 1.0


@pytest.mark.parametrize("lang", LANGS)
@given(year=st.integers(min_value=1, max_value=9999))
def test_no_number_below_ten_thousand_is_grouped(lang, year):
    assert format_number(Decimal(year), lang) == str(year)


@pytest.fixture
def year_app(tmp_path, content_copy):
    """The fixture quiz with its numeric question asking for a year: 2009, no unit."""
    quiz = content_copy / "quizzes" / "demo-quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace("answer: 73.6\n    tolerance: 0.05\n", "answer: 2009\n    tolerance: 0\n")
    text = text.replace("    unit: {en: million, vi: triệu, ru: млн}\n", "")
    quiz.write_text(text, encoding="utf-8")
    app = make_app(tmp_path, content_dir=content_copy)
    yield app
    close_app(app)


@pytest.mark.parametrize(("typed_in", "typed"), [("vi", "2.009"), ("ru", "2 009"), ("en", "2009")])
def test_the_result_shows_a_year_in_figures_only_in_every_language(year_app, typed_in, typed):
    client = year_app.test_client()
    url, page = start(client, typed_in)
    response = post(client, url, page, {"answer-q-numeric": typed}, action="submit")
    assert response.status_code == 302
    for lang in LANGS:
        result = client.get(url.replace(f"/{typed_in}/", f"/{lang}/")).get_data(as_text=True)
        card = result[result.index('id="q-q-numeric"') :]
        card = card[: card.index("</dl>")]
        assert card.count("2009") >= 2, lang  # the answer and the key
        for grouped in ("2.009", "2,009", "2 009", "2\xa0009", "2&nbsp;009"):
            assert grouped not in card, (lang, grouped)


def test_the_api_says_when_a_number_is_an_identifier():
    assert NUMERIC.public_view(numeric("2009", identifier=True), "en", None)["identifier"] is True
    assert NUMERIC.public_view(numeric("73.6"), "ru", None) == {"unit": None, "identifier": False}
    assert NUMERIC.view_schema()["identifier"]["type"] == "boolean"


def test_an_identifier_with_a_unit_or_a_fraction_is_a_content_problem(content_copy):
    edit(content_copy, QUIZ, "tolerance: 0.05\n", "tolerance: 0.05\n    identifier: true\n")
    assert any("an 'identifier' is a whole number" in p for p in problems(content_copy))


def test_a_year_marked_as_an_identifier_loads(content_copy):
    edit(content_copy, QUIZ, "answer: 73.6\n    tolerance: 0.05\n", "answer: 2019\n")
    edit(
        content_copy,
        QUIZ,
        "    unit: {en: million, vi: triệu, ru: млн}\n",
        "    identifier: true\n",
    )
    assert load_catalog(content_copy).questions["q-numeric"].data["identifier"] is True


def test_a_filter_of_a_constant_follows_each_requests_language(app):
    """Jinja computes a filter of a constant once, at compile time, unless it takes the context."""
    template = app.jinja_env.from_string("{{ 1234.5|number }} {{ 85.5|percent }}")
    shown = {}
    for lang in ("en", "vi", "ru"):
        with app.test_request_context(f"/{lang}/"):
            shown[lang] = template.render()
    assert shown == {"en": "1,234.5 85.5%", "vi": "1.234,5 85,5%", "ru": "1\xa0234,5 85,5\xa0%"}
