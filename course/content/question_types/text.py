"""Short text questions, compared leniently."""

import random
import unicodedata
from typing import Any

from markupsafe import Markup
from wtforms import StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length, Optional

from course.content.question_types.base import ParseContext, QuestionType, require, text_schema
from course.content.yamlnode import Node

MAX_INPUT_LENGTH = 200


def normalize(text: str, ignore_diacritics: bool) -> str:
    """Case-fold, collapse spaces, treat ё as е, and optionally drop accents (đ too)."""
    text = " ".join(text.split()).casefold().replace("ё", "е")
    if ignore_diacritics:
        text = text.replace("đ", "d")
        decomposed = unicodedata.normalize("NFD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text).strip(" .!?;:")


class ShortText(QuestionType):
    name = "short_text"

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        accept = node.get("accept", dict, {})
        if not node.has("accept"):
            node.problem("missing field 'accept'")
        answers: dict[str, tuple[str, ...]] = {}
        for lang in node.languages:
            values = accept.get(lang)
            if not values or not isinstance(values, list):
                node.problem(f"'accept' needs a list of answers in '{lang}'", "accept")
                continue
            answers[lang] = tuple(str(v) for v in values)
        ignore = bool(node.get("ignore_diacritics", bool, False))
        accepted = frozenset(normalize(v, ignore) for values in answers.values() for v in values)
        return {"accept": answers, "accepted": accepted, "ignore_diacritics": ignore}

    def field(self, data: dict[str, Any], lang: str, rng: random.Random) -> UnboundField:
        return StringField(
            validators=[Optional(), Length(max=MAX_INPUT_LENGTH)],
            render_kw={"autocomplete": "off", "spellcheck": "false"},
        )

    def answer_from_field(self, data: dict[str, Any], value: Any, lang: str) -> str | None:
        return (value or "").strip() or None

    def answer_from_json(self, data: dict[str, Any], value: Any, lang: str) -> str | None:
        require(
            isinstance(value, str) and len(value) <= MAX_INPUT_LENGTH,
            f"must be a string of at most {MAX_INPUT_LENGTH} characters",
        )
        return self.answer_from_field(data, value, lang)

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return text_schema(MAX_INPUT_LENGTH)

    def score(self, data: dict[str, Any], answer: Any) -> float:
        if not answer:
            return 0.0
        return 1.0 if normalize(answer, data["ignore_diacritics"]) in data["accepted"] else 0.0

    def key(self, data: dict[str, Any]) -> str:
        return data["accept"]["en"][0]

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        return [Markup.escape(answer)] if answer else []

    def describe_key(self, data: dict[str, Any], lang: str) -> list[Markup]:
        return [Markup.escape(" / ".join(data["accept"][lang]))]
