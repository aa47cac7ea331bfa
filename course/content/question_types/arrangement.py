"""Questions answered with one drop-down per row: ordering and matching."""

import random
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import Form, FormField, SelectChoice, SelectField
from wtforms.fields.core import UnboundField
from wtforms.validators import Optional

from course.content.question_types.base import (
    Choice,
    ParseContext,
    QuestionType,
    choices_view,
    ids_schema,
    require,
    shuffled,
    text_of,
)
from course.content.yamlnode import Node

BLANK = SelectChoice("", _l("— choose —"))


def rows_form(rows: list[Choice], choices: list[SelectChoice], lang: str) -> type[Form]:
    """A sub-form with one select per row, labelled with the row's text."""
    fields = {
        row.id: SelectField(row.text[lang], choices=[BLANK, *choices], validators=[Optional()])
        for row in rows
    }
    return type("RowsForm", (Form,), fields)


def rows_schema(rows: tuple[Choice, ...], value: dict[str, Any]) -> dict[str, Any]:
    """An object with some of the rows' IDs as keys, each with a value of this schema."""
    return {
        "type": "object",
        "properties": {row.id: value for row in rows},
        "additionalProperties": False,
    }


def picked_rows(value: Any, allowed: set[str]) -> dict[str, str] | None:
    picked = {row: v for row, v in (value or {}).items() if v in allowed}
    return picked or None


class Ordering(QuestionType):
    """Put items in order; each item in its right position earns its share."""

    name = "ordering"

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        items = ctx.choices(node, "items", 3)
        answer = node.string_list("answer")
        ids = [i.id for i in items]
        if items and sorted(answer) != sorted(ids):
            node.problem("'answer' must list every item ID exactly once", "answer")
        return {"items": items, "answer": answer}

    def field(self, data: dict[str, Any], lang: str, rng: random.Random) -> UnboundField:
        items = self._display_order(data, rng)
        positions = [SelectChoice(str(n)) for n in range(1, len(items) + 1)]
        return FormField(rows_form(items, positions, lang))

    @staticmethod
    def _display_order(data: dict[str, Any], rng: random.Random) -> list[Choice]:
        """Shuffled, and never already in the right order."""
        items = shuffled(data["items"], rng)
        if [i.id for i in items] == list(data["answer"]):
            items.append(items.pop(0))
        return items

    def answer_from_field(self, data: dict[str, Any], value: Any, lang: str) -> dict | None:
        allowed = {str(n) for n in range(1, len(data["items"]) + 1)}
        return picked_rows(value, allowed)

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {"items": choices_view(self._display_order(data, rng), lang)}

    def answer_from_json(self, data: dict[str, Any], value: Any, lang: str) -> dict | None:
        """`{item ID: position}`, positions from 1."""
        count = len(data["items"])
        require(isinstance(value, dict), "must map item IDs to positions")
        require(set(value) <= {i.id for i in data["items"]}, "names an unknown item")
        require(
            all(
                isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= count
                for p in value.values()
            ),
            f"positions are whole numbers from 1 to {count}",
        )
        return {item: str(position) for item, position in value.items()} or None

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        position = {"type": "integer", "minimum": 1, "maximum": len(data["items"])}
        return rows_schema(data["items"], position)

    def problem(self, data: dict[str, Any], answer: Any, lang: str) -> str | None:
        positions = list(answer.values())
        if len(positions) != len(set(positions)):
            return _("Each position can be given to one item only.")
        return None

    def score(self, data: dict[str, Any], answer: Any) -> float:
        if not answer:
            return 0.0
        right = sum(
            1 for n, item_id in enumerate(data["answer"], 1) if answer.get(item_id) == str(n)
        )
        return right / len(data["answer"])

    def key(self, data: dict[str, Any]) -> dict[str, str]:
        return {item_id: str(n) for n, item_id in enumerate(data["answer"], 1)}

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        ranked = sorted((answer or {}).items(), key=lambda pair: int(pair[1]))
        return [
            Markup("{}. {}").format(position, text_of(data["items"], item_id, lang))
            for item_id, position in ranked
        ]


class Matching(QuestionType):
    """Match each prompt with a choice; each right pair earns its share."""

    name = "matching"

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        prompts = ctx.choices(node, "prompts", 2)
        choices = ctx.choices(node, "choices", len(prompts))
        answer = node.get("answer", dict, {})
        if not node.has("answer"):
            node.problem("missing field 'answer'")
        prompt_ids = {p.id for p in prompts}
        choice_ids = {c.id for c in choices}
        if prompts and set(map(str, answer)) != prompt_ids:
            node.problem("'answer' must pair every prompt ID with a choice", "answer")
        for prompt_id, choice_id in answer.items():
            if choices and str(choice_id) not in choice_ids:
                node.problem(f"answer for '{prompt_id}' names no choice '{choice_id}'", "answer")
        pairs = {str(k): str(v) for k, v in answer.items()}
        return {"prompts": prompts, "choices": choices, "answer": pairs}

    def field(self, data: dict[str, Any], lang: str, rng: random.Random) -> UnboundField:
        prompts = shuffled(data["prompts"], rng)
        choices = [SelectChoice(c.id, c.text[lang]) for c in shuffled(data["choices"], rng)]
        return FormField(rows_form(prompts, choices, lang))

    def answer_from_field(self, data: dict[str, Any], value: Any, lang: str) -> dict | None:
        return picked_rows(value, {c.id for c in data["choices"]})

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {
            "prompts": choices_view(shuffled(data["prompts"], rng), lang),
            "choices": choices_view(shuffled(data["choices"], rng), lang),
        }

    def answer_from_json(self, data: dict[str, Any], value: Any, lang: str) -> dict | None:
        """`{prompt ID: choice ID}`."""
        require(isinstance(value, dict), "must map prompt IDs to choice IDs")
        require(set(value) <= {p.id for p in data["prompts"]}, "names an unknown prompt")
        choices = {c.id for c in data["choices"]}
        require(
            all(isinstance(c, str) and c in choices for c in value.values()),
            "names an unknown choice",
        )
        return dict(value) or None

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return rows_schema(data["prompts"], ids_schema(data["choices"]))

    def score(self, data: dict[str, Any], answer: Any) -> float:
        if not answer:
            return 0.0
        key = data["answer"]
        return sum(1 for p, c in key.items() if answer.get(p) == c) / len(key)

    def key(self, data: dict[str, Any]) -> dict[str, str]:
        return dict(data["answer"])

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        return [
            Markup("{} → {}").format(
                prompt.text[lang], text_of(data["choices"], (answer or {}).get(prompt.id), lang)
            )
            for prompt in data["prompts"]
            if (answer or {}).get(prompt.id)
        ]
