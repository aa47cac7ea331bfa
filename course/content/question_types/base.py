"""What every question type knows: how to read its content, show its field and score an answer."""

import random
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from markupsafe import Markup
from wtforms.fields.core import UnboundField

from course.content.yamlnode import Node

Answer = Any  # JSON-serialisable, language-independent where the type allows
NO_NUL = "^[^\\x00]*$"  # a regular expression that JSON Schema, Python and Rust read alike
Localized = Mapping[str, Markup]


@dataclass(frozen=True)
class Choice:
    """An option, an ordering item, a matching prompt or choice: an ID and its text."""

    id: str
    text: Localized


class TextRenderer(Protocol):
    def render_localized(
        self, node: Node, key: str, inline: bool = False, required: bool = True
    ) -> Localized | None: ...


class ParseContext:
    """What a question type needs while reading content: rendering with checked citations."""

    def __init__(self, texts: TextRenderer) -> None:
        self.texts = texts

    def inline(self, node: Node, key: str) -> Localized | None:
        return self.texts.render_localized(node, key, inline=True)

    def choices(self, node: Node, key: str, minimum: int) -> tuple[Choice, ...]:
        """A list of `{id, text}` with unique IDs, each text in every language."""
        found: list[Choice] = []
        seen: set[str] = set()
        for child in node.children(key):
            choice_id = child.require("id", (str, int))
            text = self.inline(child, "text")
            if choice_id is None or text is None:
                continue
            choice_id = str(choice_id)
            if choice_id in seen:
                child.problem(f"duplicate ID '{choice_id}' in '{key}'", "id")
            seen.add(choice_id)
            found.append(Choice(choice_id, text))
        if node.has(key) and len(found) < minimum:
            node.problem(f"'{key}' needs at least {minimum} entries", key)
        return tuple(found)


class QuestionType(ABC):
    """One kind of question. Scoring is pure: `score` returns a fraction of the points."""

    name: ClassVar[str]

    @abstractmethod
    def parse(self, node: Node, ctx: ParseContext) -> Any:
        """Read and validate the type's own fields; report problems on `node`."""

    @abstractmethod
    def field(self, data: Any, lang: str, rng: random.Random) -> UnboundField:
        """The WTForms field a learner answers with, options in this attempt's order."""

    @abstractmethod
    def answer_from_field(self, data: Any, value: Any, lang: str) -> Answer | None:
        """Turn the field's data into a stored answer; None when nothing was answered."""

    def field_value(self, data: Any, answer: Answer, lang: str) -> Any:
        """The field's data for a stored answer, to show it again."""
        return answer

    def problem(self, data: Any, answer: Answer, lang: str) -> str | None:
        """Why this answer cannot be submitted as it is (shown to the learner), if it cannot."""
        return None

    @abstractmethod
    def score(self, data: Any, answer: Answer | None) -> float:
        """The fraction of the points this answer earns, in [0, 1]."""

    @abstractmethod
    def key(self, data: Any) -> Answer:
        """The answer that earns full marks."""

    @abstractmethod
    def describe(self, data: Any, answer: Answer, lang: str) -> list[Markup]:
        """An answer in words, for the result page, one line per part."""

    def describe_key(self, data: Any, lang: str) -> list[Markup]:
        return self.describe(data, self.key(data), lang)

    def analysis_options(self, data: Any) -> tuple[Choice, ...]:
        """The options whose choice item analysis counts; none for a type without options."""
        return ()

    def options_chosen(self, data: Any, answer: Answer) -> tuple[str, ...]:
        """The IDs of the analysis options that a stored answer (decoded from JSON) chose."""
        return ()

    def key_options(self, data: Any) -> frozenset[str]:
        """The IDs of the analysis options in the key, to mark them."""
        return frozenset()

    def public_view(self, data: Any, lang: str, rng: random.Random) -> dict[str, Any]:
        """What an API client needs to show the question: never anything of the key."""
        return {}

    def answer_from_json(self, data: Any, value: Any, lang: str) -> Answer:
        """Check an answer sent to the API and turn it into a stored one (InvalidAnswer if bad)."""
        return self.answer_from_field(data, value, lang)

    @abstractmethod
    def answer_schema(self, data: Any) -> dict[str, Any]:
        """The JSON Schema of what `answer_from_json` accepts, for the API's document."""


class InvalidAnswer(ValueError):
    """An answer sent to the API that does not fit its question."""


def text_schema(max_length: int) -> dict[str, Any]:
    """A string the API stores: at most `max_length` characters, no NUL (see course.inputs)."""
    return {"type": "string", "maxLength": max_length, "pattern": NO_NUL}


def ids_schema(choices: tuple[Choice, ...]) -> dict[str, Any]:
    return {"type": "string", "enum": [c.id for c in choices]}


def choices_view(choices: list[Choice], lang: str) -> list[dict[str, str]]:
    return [{"id": c.id, "text": str(c.text[lang])} for c in choices]


def require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidAnswer(message)


def text_of(choices: tuple[Choice, ...], choice_id: str, lang: str) -> Markup:
    for choice in choices:
        if choice.id == choice_id:
            return choice.text[lang]
    return Markup("?")


def shuffled(items: tuple[Choice, ...], rng: random.Random) -> list[Choice]:
    order = list(items)
    rng.shuffle(order)
    return order
