"""What every question type knows: its content, its part of the page, reading and scoring."""

import random
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

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


class AnswerProblem(Exception):
    """A posted answer the learner must fix; `message` is for them, in their language.

    "XXI" in a numeric field, two items given the same place, a number that reads two ways.
    The answer is not stored (the one stored before stays) and the message is shown at its
    question.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidAnswer(ValueError):
    """A posted value of the wrong shape for its question (not its `answer_schema`).

    Only a forged form or a faulty API client sends one: the message is for developers, in
    English. The API refuses the whole request with 400; a page shows a general message.
    """


class QuestionType(ABC):
    """One kind of question: its content, its part of the attempt page, reading and scoring.

    An answer has two shapes. The *posted* value is what a client sends: the JSON value of the
    API (its `answer_schema`), or what `posted_from_form` makes of a page's inputs, in the same
    shape. The stored *answer* is what `read` makes of it, JSON-serialisable; `score`,
    `describe` and `key` take that one. `shown` turns a stored answer back into a posted value,
    so that the page is built from posted values only, whichever was the source.

    Its page part is the Jinja template `template` (see `templates/question_types/`), included
    inside the question's shell (number, prompt, problem). It sees:
      `question` (the catalog's Question), `data` (its `parse` result), `question_type` (self),
      `name` (the input name: every input of the question is `name` or starts with `name-`),
      `view` (this type's `form_view`: options in this attempt's order...),
      `shown` (a posted value to show, or None), `problem` (a message, or None),
      `described_by` (IDs for `aria-describedby`: the prompt, and the problem if any).
    With `one_input` the shell labels the input `name` as the question; otherwise it wraps
    the part in a fieldset whose legend is the question.
    """

    name: ClassVar[str]
    # True: the answer is one text input, labelled by the question's number (its ID is `name`).
    one_input: ClassVar[bool] = False
    # In review, a right answer given within this many seconds rates its card Easy, not Good:
    # about the time a learner who knows it takes to read the question and give the answer.
    quick_seconds: ClassVar[int]

    @abstractmethod
    def parse(self, node: Node, ctx: ParseContext) -> Any:
        """Read and validate the type's own fields; report problems on `node`."""

    @property
    def template(self) -> str:
        """The partial with this type's inputs and hint."""
        return f"question_types/{self.name}.html"

    def form_view(self, data: Any, lang: str, rng: random.Random) -> dict[str, Any]:
        """What the partial shows besides the answer (options in this attempt's order, …)."""
        return {}

    def posted_from_form(self, data: Any, form: MultiDict, name: str) -> Any:
        """This question's posted value from a page's form data (inputs named after `name`);
        None when the page sent nothing for it."""
        return form.get(name)

    @abstractmethod
    def read(self, data: Any, posted: Any, lang: str) -> Answer | None:
        """The answer to store for a posted value (not None), or None if it answers nothing.

        Raises AnswerProblem (the learner must fix it) or InvalidAnswer (wrong shape). `lang`
        is the language the learner answered in (a number's style).
        """

    def shown(self, data: Any, answer: Answer, lang: str) -> Any:
        """The posted value that shows a stored answer again, on a page in `lang`."""
        return answer

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

    def scoring_notes(self, data: Any, answer: Answer, lang: str) -> list[str]:
        """Sentences for the result page on how this answer was scored, in `lang`: the type's
        partial-credit rule applied to it, a typo or a word form that was forgiven. Shown only
        where the review shows whether answers were right."""
        return []

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

    @abstractmethod
    def answer_schema(self, data: Any) -> dict[str, Any]:
        """The JSON Schema of the posted values `read` accepts, for the API's document."""

    def view_schema(self) -> dict[str, Any]:
        """The JSON Schemas of the properties `public_view` adds, by name."""
        return {}

    @abstractmethod
    def sample_answer(self, data: Any, rng: random.Random, correct: bool) -> Answer:
        """What the benchmark stores: the key if `correct`, else an answer short of full marks."""

    def form_fields(self, data: Any, answer: Answer) -> list[tuple[str, str]]:
        """The (field name suffix, value) pairs a browser posts for a stored answer."""
        return [("", str(answer))]


def text_schema(max_length: int) -> dict[str, Any]:
    """A string the API stores: at most `max_length` characters, no NUL (see course.inputs)."""
    return {"type": "string", "maxLength": max_length, "pattern": NO_NUL}


CHOICES_SCHEMA = {"type": "array", "items": {"$ref": "#/components/schemas/Choice"}}


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
