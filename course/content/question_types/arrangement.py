"""Questions answered with one drop-down per row: ordering and matching."""

import random
from typing import Any, ClassVar

from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from course.content.question_types.base import (
    CHOICES_SCHEMA,
    AnswerProblem,
    Choice,
    ParseContext,
    QuestionType,
    choices_view,
    ids_schema,
    require,
    shuffled,
    text_of,
)
from course.content.question_types.notes import equal_shares
from course.content.yamlnode import Node

MAX_POSITION_DIGITS = 3


class RowsQuestion(QuestionType):
    """Answered with one drop-down per row (`name-<row ID>`); the posted value maps rows to
    what was chosen, rows left blank left out."""

    rows_key: ClassVar[str]  # the content's list of rows

    def posted_from_form(self, data: dict[str, Any], form: MultiDict, name: str) -> dict:
        posted = {row.id: form.get(f"{name}-{row.id}", "") for row in data[self.rows_key]}
        return {row: self.posted_choice(value) for row, value in posted.items() if value}

    def posted_choice(self, value: str) -> Any:
        """A chosen option as the API would send it."""
        return value

    def form_fields(self, data: dict[str, Any], answer: Any) -> list[tuple[str, str]]:
        return [(f"-{row}", value) for row, value in answer.items()]


def rows_schema(
    rows: tuple[Choice, ...], value: dict[str, Any], description: str
) -> dict[str, Any]:
    """An object with some of the rows' IDs as keys, each with a value of this schema."""
    return {
        "type": "object",
        "properties": {row.id: value for row in rows},
        "additionalProperties": False,
        "description": description,
    }


class Ordering(RowsQuestion):
    """Put items in order; each item in its right position earns its share."""

    name = "ordering"
    quick_seconds = 30  # every item read and placed
    rows_key = "items"

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        items = ctx.choices(node, "items", 3)
        answer = node.string_list("answer")
        ids = [i.id for i in items]
        if items and sorted(answer) != sorted(ids):
            node.problem("'answer' must list every item ID exactly once", "answer")
        return {"items": items, "answer": answer}

    def form_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        """`rows`: (item ID, text) in this attempt's order; `choices`: (position, label)."""
        items = self._display_order(data, rng)
        return {
            "rows": [(item.id, item.text[lang]) for item in items],
            "choices": [(n, n) for n in range(1, len(items) + 1)],
        }

    def posted_choice(self, value: str) -> Any:
        if value.isascii() and value.isdigit() and len(value) <= MAX_POSITION_DIGITS:
            return int(value)
        return value

    @staticmethod
    def _display_order(data: dict[str, Any], rng: random.Random) -> list[Choice]:
        """Shuffled, and never already in the right order."""
        items = shuffled(data["items"], rng)
        if [i.id for i in items] == list(data["answer"]):
            items.append(items.pop(0))
        return items

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {"items": choices_view(self._display_order(data, rng), lang)}

    def read(self, data: dict[str, Any], posted: Any, lang: str) -> dict | None:
        """`{item ID: position}`, positions from 1, each given once."""
        count = len(data["items"])
        require(isinstance(posted, dict), "must map item IDs to positions")
        require(set(posted) <= {i.id for i in data["items"]}, "names an unknown item")
        positions = list(posted.values())
        require(
            all(
                isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= count
                for p in positions
            ),
            f"positions are whole numbers from 1 to {count}",
        )
        if len(positions) != len(set(positions)):
            raise AnswerProblem(_("Each position can be given to one item only."))
        return {item: str(position) for item, position in posted.items()} or None

    def shown(self, data: dict[str, Any], answer: Any, lang: str) -> dict[str, int]:
        return {item: int(position) for item, position in answer.items()}

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        position = {"type": "integer", "minimum": 1, "maximum": len(data["items"])}
        return rows_schema(data["items"], position, "{item ID: position from 1}")

    def view_schema(self) -> dict[str, Any]:
        return {"items": CHOICES_SCHEMA}

    def sample_answer(self, data: dict[str, Any], rng: random.Random, correct: bool) -> dict:
        if correct:
            return self.key(data)
        order = list(data["answer"])
        rng.shuffle(order)
        if order == list(data["answer"]):
            order.append(order.pop(0))
        return {item_id: str(n) for n, item_id in enumerate(order, 1)}

    def score(self, data: dict[str, Any], answer: Any) -> float:
        if not answer:
            return 0.0
        right = sum(
            1 for n, item_id in enumerate(data["answer"], 1) if answer.get(item_id) == str(n)
        )
        return right / len(data["answer"])

    def key(self, data: dict[str, Any]) -> dict[str, str]:
        return {item_id: str(n) for n, item_id in enumerate(data["answer"], 1)}

    def scoring_notes(self, data: dict[str, Any], answer: Any, lang: str) -> list[str]:
        """Each item in its right place earns an equal share (none for full marks)."""
        key = self.key(data)
        right = sum(
            1 for item_id, position in key.items() if (answer or {}).get(item_id) == position
        )
        if not answer or right == len(key):
            return []
        return [equal_shares(_("Items in their right place"), right, len(key), lang)]

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        ranked = sorted((answer or {}).items(), key=lambda pair: int(pair[1]))
        return [
            Markup("{}. {}").format(position, text_of(data["items"], item_id, lang))
            for item_id, position in ranked
        ]


class Matching(RowsQuestion):
    """Match each prompt with a choice; each right pair earns its share."""

    name = "matching"
    quick_seconds = 30  # every item read and placed
    rows_key = "prompts"

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

    def form_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        """`rows`: (prompt ID, text); `choices`: (choice ID, text); both in this attempt's order."""
        return {
            "rows": [(p.id, p.text[lang]) for p in shuffled(data["prompts"], rng)],
            "choices": [(c.id, c.text[lang]) for c in shuffled(data["choices"], rng)],
        }

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {
            "prompts": choices_view(shuffled(data["prompts"], rng), lang),
            "choices": choices_view(shuffled(data["choices"], rng), lang),
        }

    def read(self, data: dict[str, Any], posted: Any, lang: str) -> dict | None:
        """`{prompt ID: choice ID}`."""
        require(isinstance(posted, dict), "must map prompt IDs to choice IDs")
        require(set(posted) <= {p.id for p in data["prompts"]}, "names an unknown prompt")
        choices = {c.id for c in data["choices"]}
        require(
            all(isinstance(c, str) and c in choices for c in posted.values()),
            "names an unknown choice",
        )
        return dict(posted) or None

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return rows_schema(data["prompts"], ids_schema(data["choices"]), "{prompt ID: choice ID}")

    def view_schema(self) -> dict[str, Any]:
        return {"prompts": CHOICES_SCHEMA, "choices": CHOICES_SCHEMA}

    def sample_answer(self, data: dict[str, Any], rng: random.Random, correct: bool) -> dict:
        if correct:
            return self.key(data)
        choices = [c.id for c in data["choices"]]
        picked = {p.id: rng.choice(choices) for p in data["prompts"]}
        if picked == data["answer"]:  # there are at least as many choices as prompts
            first = data["prompts"][0].id
            picked[first] = next(c for c in choices if c != picked[first])
        return picked

    def score(self, data: dict[str, Any], answer: Any) -> float:
        if not answer:
            return 0.0
        key = data["answer"]
        return sum(1 for p, c in key.items() if answer.get(p) == c) / len(key)

    def key(self, data: dict[str, Any]) -> dict[str, str]:
        return dict(data["answer"])

    def scoring_notes(self, data: dict[str, Any], answer: Any, lang: str) -> list[str]:
        """Each prompt matched right earns an equal share (none for full marks)."""
        key = data["answer"]
        right = sum(1 for prompt, choice in key.items() if (answer or {}).get(prompt) == choice)
        if not answer or right == len(key):
            return []
        return [equal_shares(_("Pairs matched right"), right, len(key), lang)]

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        return [
            Markup("{} → {}").format(
                prompt.text[lang], text_of(data["choices"], (answer or {}).get(prompt.id), lang)
            )
            for prompt in data["prompts"]
            if (answer or {}).get(prompt.id)
        ]
