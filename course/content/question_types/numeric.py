"""Numeric questions, answered in the learner's own number style."""

import random
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from flask_babel import gettext as _
from markupsafe import Markup
from wtforms import StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length, Optional

from course.content.question_types.base import ParseContext, QuestionType, require, text_schema
from course.content.yamlnode import Node
from course.languages import language

MAX_INPUT_LENGTH = 40
MAX_JSON_NUMBER = 10**15  # in figures, with 12 decimals, within MAX_INPUT_LENGTH


class NumberNotUnderstood(ValueError):
    """The text is not a number in that locale; `suggestions` are what it may have meant."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions


def parse_number(text: str, lang: str) -> Decimal:
    """Read a number written in the style of `lang` (73,6 in vi and ru; 16,000 in en)."""
    cleaned = " ".join(text.split())
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


def plain_figures(value: int | float) -> str:
    """A JSON number in figures, at most to the 12th decimal: "1e-300" would be 300 figures."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return format(round(number, 12).normalize(), "f")


class Numeric(QuestionType):
    name = "numeric"

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        answer = node.require("answer", (int, float))
        tolerance = node.get("tolerance", (int, float), 0)
        if tolerance < 0:
            node.problem("'tolerance' cannot be negative", "tolerance")
        unit = ctx.inline(node, "unit") if node.has("unit") else None
        return {
            "answer": Decimal(str(answer or 0)),
            "tolerance": Decimal(str(tolerance)),
            "unit": unit,
        }

    def field(self, data: dict[str, Any], lang: str, rng: random.Random) -> UnboundField:
        return StringField(
            validators=[Optional(), Length(max=MAX_INPUT_LENGTH)],
            render_kw={"inputmode": "decimal", "autocomplete": "off"},
        )

    def answer_from_field(self, data: dict[str, Any], value: Any, lang: str) -> dict | None:
        text = (value or "").strip()
        return {"text": text, "lang": lang} if text else None

    def public_view(self, data: dict[str, Any], lang: str, rng) -> dict:
        return {"unit": str(data["unit"][lang]) if data["unit"] else None}

    def answer_from_json(self, data: dict[str, Any], value: Any, lang: str) -> dict | None:
        """A JSON number, or a string in the style of `lang` (blank clears the answer)."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            require(abs(value) <= MAX_JSON_NUMBER, f"must be at most {MAX_JSON_NUMBER:.0e} in size")
            return {"text": plain_figures(value), "lang": "en"}
        require(
            isinstance(value, str) and len(value) <= MAX_INPUT_LENGTH,
            f"must be a number, or a string of at most {MAX_INPUT_LENGTH} characters",
        )
        return self.answer_from_field(data, value, lang)

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        number = {"type": "number", "minimum": -MAX_JSON_NUMBER, "maximum": MAX_JSON_NUMBER}
        return {"oneOf": [number, text_schema(MAX_INPUT_LENGTH)]}

    def field_value(self, data: dict[str, Any], answer: Any, lang: str) -> str:
        """A number typed in another language is shown again in this language's style."""
        if answer["lang"] == lang:
            return answer["text"]
        try:
            return format_decimal(parse_number(answer["text"], answer["lang"]), locale=lang)
        except NumberNotUnderstood:
            return answer["text"]

    def problem(self, data: dict[str, Any], answer: Any, lang: str) -> str | None:
        try:
            parse_number(answer["text"], answer["lang"])
        except NumberNotUnderstood as exc:
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
                example=format_decimal(Decimal("1234.5"), locale=lang),
            )
        return None

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
        text = self.field_value(data, answer, lang)
        unit = data["unit"][lang] if data["unit"] else ""
        return [Markup("{} {}").format(text, unit).strip()]
