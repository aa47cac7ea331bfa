"""Numeric questions, answered in the learner's own number style."""

import random
import re
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from flask_babel import gettext as _
from markupsafe import Markup

from course.content.question_types.base import (
    AnswerProblem,
    ParseContext,
    QuestionType,
    require,
    text_schema,
)
from course.content.yamlnode import Node
from course.languages import language

MAX_INPUT_LENGTH = 40
MAX_JSON_NUMBER = 10**15  # in figures, with 12 decimals, within MAX_INPUT_LENGTH
# Numbers below it are written without groups (2009, 1234,5), as CLDR's minimum grouping
# digits of 2 does for Spanish or Polish and Russian typography does for four figures.
GROUPED_FROM = 10_000
QUANTITY_EXAMPLE = Decimal("12345.6")  # shows both the decimal sign and the groups
IDENTIFIER_EXAMPLE = Decimal("1995")
PERCENT = re.compile(r"\s*%$")  # "95%", "95 %", "95\u00a0%": the learner wrote the unit


class NumberNotUnderstood(ValueError):
    """The text is not a number in that locale; `suggestions` are what it may have meant."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions


def parse_number(text: str, lang: str) -> Decimal:
    """Read a number written in the style of `lang` (73,6 in vi and ru; 16,000 in en)."""
    cleaned = PERCENT.sub("", " ".join(text.split()))
    group = language(lang).group_symbol
    if group.isspace():
        cleaned = cleaned.replace(" ", group)
    if "_" in cleaned:  # Python reads 1_000 as a number; nobody writes one so
        raise NumberNotUnderstood(text, [])
    try:
        value = parse_decimal(cleaned, locale=lang, strict=True)
    except NumberFormatError as exc:
        raise NumberNotUnderstood(text, list(exc.suggestions or [])) from exc
    if not value.is_finite():  # "NaN" and "Infinity" parse, but are no answer
        raise NumberNotUnderstood(text, [])
    return value


def format_number(value: Decimal, lang: str, grouped: bool = True) -> str:
    """`value` in the style of `lang` with every figure it has (73,60 stays 73,60), grouped in
    thousands only if `grouped` and from GROUPED_FROM: 2009 is never "2.009" or "2 009"."""
    grouped = grouped and abs(value) >= GROUPED_FROM
    places = max(0, -int(value.as_tuple().exponent))
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=lang)


def is_grouped(data: dict[str, Any]) -> bool:
    """A year or another identifier (`identifier: true` in the content) is never grouped."""
    return not data.get("identifier", False)


def example(data: dict[str, Any], lang: str) -> str:
    """The number the hint and the error messages show, as this question would show it."""
    if is_grouped(data):
        return format_number(QUANTITY_EXAMPLE, lang)
    return format_number(IDENTIFIER_EXAMPLE, lang, grouped=False)


def plain_figures(value: int | float) -> str:
    """A JSON number in figures, at most to the 12th decimal: "1e-300" would be 300 figures."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return format(round(number, 12).normalize(), "f")


def not_a_number(exc: NumberNotUnderstood, lang: str, shown_example: str) -> str:
    """Why the text is no answer, with what it may have meant."""
    if exc.suggestions:
        return _(
            "We can't tell which number “%(text)s” means. Did you mean %(options)s?",
            text=exc.text,
            # i18n: a number the learner may have meant, in the language's quotes
            options=_(" or ").join(_("“%(number)s”", number=s) for s in exc.suggestions),
        )
    return _(
        "“%(text)s” is not a number. Write it with digits, for example %(example)s.",
        text=exc.text,
        example=shown_example,
    )


class Numeric(QuestionType):
    name = "numeric"
    quick_seconds = 15  # a number recalled and typed
    one_input = True
    max_length = MAX_INPUT_LENGTH

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        answer = node.require("answer", (int, float))
        tolerance = node.get("tolerance", (int, float), 0)
        if tolerance < 0:
            node.problem("'tolerance' cannot be negative", "tolerance")
        unit = ctx.inline(node, "unit") if node.has("unit") else None
        identifier = node.get("identifier", bool, False)
        if identifier and (unit or tolerance or answer != int(answer or 0)):
            node.problem("an 'identifier' is a whole number with no unit or tolerance")
        return {
            "answer": Decimal(str(answer or 0)),
            "tolerance": Decimal(str(tolerance)),
            "unit": unit,
            "identifier": identifier,
        }

    def form_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        """`example`: a number in the style the hint asks for."""
        return {"example": example(data, lang), "identifier": not is_grouped(data)}

    def public_view(self, data: dict[str, Any], lang: str, rng) -> dict:
        return {
            "unit": str(data["unit"][lang]) if data["unit"] else None,
            "identifier": not is_grouped(data),
        }

    def read(self, data: dict[str, Any], posted: Any, lang: str) -> dict | None:
        """A JSON number, or a string in the style of `lang` (blank answers nothing)."""
        if isinstance(posted, int | float) and not isinstance(posted, bool):
            require(
                abs(posted) <= MAX_JSON_NUMBER, f"must be at most {MAX_JSON_NUMBER:.0e} in size"
            )
            return {"text": plain_figures(posted), "lang": "en"}
        require(
            isinstance(posted, str) and len(posted) <= MAX_INPUT_LENGTH,
            f"must be a number, or a string of at most {MAX_INPUT_LENGTH} characters",
        )
        text = posted.strip()
        if not text:
            return None
        try:
            parse_number(text, lang)
        except NumberNotUnderstood as exc:
            raise AnswerProblem(not_a_number(exc, lang, example(data, lang))) from exc
        return {"text": text, "lang": lang}

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        number = {"type": "number", "minimum": -MAX_JSON_NUMBER, "maximum": MAX_JSON_NUMBER}
        return {
            "oneOf": [number, text_schema(MAX_INPUT_LENGTH)],
            "description": "a number, or a string in the style of `lang` (blank clears it)",
        }

    def view_schema(self) -> dict[str, Any]:
        return {
            "unit": {"type": "string", "nullable": True},
            "identifier": {
                "type": "boolean",
                "description": "a year or another identifier: written in figures only",
            },
        }

    def sample_answer(self, data: dict[str, Any], rng: random.Random, correct: bool) -> dict:
        if correct:
            return self.key(data)
        miss = data["answer"] + data["tolerance"] + rng.randint(1, 100)
        return {"text": str(miss), "lang": "en"}

    def form_fields(self, data: dict[str, Any], answer: Any) -> list[tuple[str, str]]:
        return [("", answer["text"])]

    def shown(self, data: dict[str, Any], answer: Any, lang: str) -> str:
        """A stored number in this language's style, whichever it was typed in, and grouped as
        the question's numbers are (typed "2.009" in vi, a year is shown as 2009)."""
        try:
            value = parse_number(answer["text"], answer["lang"])
        except NumberNotUnderstood:
            return answer["text"]
        return format_number(value, lang, grouped=is_grouped(data))

    def score(self, data: dict[str, Any], answer: Any) -> float:
        if not answer:
            return 0.0
        try:
            value = parse_number(answer["text"], answer["lang"])
        except NumberNotUnderstood:
            return 0.0
        return 1.0 if abs(value - data["answer"]) <= data["tolerance"] else 0.0

    def key(self, data: dict[str, Any]) -> dict:
        return {"text": str(data["answer"]), "lang": "en"}

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        text = self.shown(data, answer, lang)
        unit = data["unit"][lang] if data["unit"] else ""
        return [Markup("{} {}").format(text, unit).strip()]
