"""Choice questions: single choice, multiple select, true/false."""

import random
from collections.abc import Iterator, Mapping
from typing import Any

from flask_babel import LazyString, force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import RadioField, SelectChoice, SelectMultipleField
from wtforms.fields.core import UnboundField
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

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
from course.languages import languages


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OptionsQuestion(QuestionType):
    """A question answered by picking among its options, shown in this attempt's order."""

    field_class: type = RadioField

    def field(self, data: dict[str, Any], lang: str, rng: random.Random) -> UnboundField:
        choices = [SelectChoice(o.id, o.text[lang]) for o in shuffled(data["options"], rng)]
        return self.field_class(choices=choices, validators=[Optional()])

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {"options": choices_view(shuffled(data["options"], rng), lang)}

    def analysis_options(self, data: dict[str, Any]) -> tuple[Choice, ...]:
        return data["options"]


class SingleChoice(OptionsQuestion):
    name = "single"
    min_options = 2

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        options = ctx.choices(node, "options", self.min_options)
        answer = node.require("answer", (str, int))
        ids = {o.id for o in options}
        if answer is not None and options and str(answer) not in ids:
            node.problem(f"answer '{answer}' names no option", "answer")
        return {"options": options, "answer": str(answer)}

    def answer_from_field(self, data: dict[str, Any], value: Any, lang: str) -> str | None:
        return value or None

    def answer_from_json(self, data: dict[str, Any], value: Any, lang: str) -> str:
        ids = {o.id for o in data["options"]}
        require(isinstance(value, str) and value in ids, "must be the ID of one of the options")
        return value

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return ids_schema(data["options"])

    def score(self, data: dict[str, Any], answer: Any) -> float:
        return 1.0 if answer == data["answer"] else 0.0

    def key(self, data: dict[str, Any]) -> str:
        return data["answer"]

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        return [text_of(data["options"], answer, lang)]

    def options_chosen(self, data: dict[str, Any], answer: Any) -> tuple[str, ...]:
        return (answer,) if isinstance(answer, str) else ()

    def key_options(self, data: dict[str, Any]) -> frozenset[str]:
        return frozenset((data["answer"],))


class MultipleChoice(OptionsQuestion):
    name = "multiple"
    field_class = CheckboxesField

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        options = ctx.choices(node, "options", 3)
        answer = node.string_list("answer")
        ids = {o.id for o in options}
        for option_id in answer:
            if options and option_id not in ids:
                node.problem(f"answer '{option_id}' names no option", "answer")
        if node.has("answer") and not answer:
            node.problem("'answer' must list at least one option", "answer")
        if options and len(set(answer)) >= len(options):
            node.problem("at least one option must be wrong", "answer")
        return {"options": options, "answer": frozenset(answer)}

    def answer_from_field(self, data: dict[str, Any], value: Any, lang: str) -> list | None:
        order = [o.id for o in data["options"]]
        # Only known options: a blank one passes the field's Optional() validator unchecked.
        picked = sorted(set(value or ()) & set(order), key=order.index)
        return picked or None

    def answer_from_json(self, data: dict[str, Any], value: Any, lang: str) -> list | None:
        ids = {o.id for o in data["options"]}
        require(isinstance(value, list), "must be a list of option IDs")
        require(all(isinstance(v, str) and v in ids for v in value), "names an unknown option")
        return self.answer_from_field(data, value, lang)

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "items": ids_schema(data["options"])}

    def score(self, data: dict[str, Any], answer: Any) -> float:
        """Each right pick earns its share; each wrong pick takes a share of the distractors."""
        if not answer:
            return 0.0
        key: frozenset[str] = data["answer"]
        picked = set(answer)
        distractors = len(data["options"]) - len(key)
        earned = len(picked & key) / len(key)
        lost = len(picked - key) / distractors if distractors else 0.0
        return max(0.0, earned - lost)

    def key(self, data: dict[str, Any]) -> list[str]:
        return [o.id for o in data["options"] if o.id in data["answer"]]

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        return [text_of(data["options"], option_id, lang) for option_id in answer or ()]

    def options_chosen(self, data: dict[str, Any], answer: Any) -> tuple[str, ...]:
        return tuple(answer) if isinstance(answer, list) else ()

    def key_options(self, data: dict[str, Any]) -> frozenset[str]:
        return data["answer"]


class InEachLanguage(Mapping[str, Markup]):
    """An interface string as a Localized text: translated into a language when it is read."""

    def __init__(self, label: LazyString) -> None:
        self.label = label

    def __getitem__(self, lang: str) -> Markup:
        if lang not in languages():
            raise KeyError(lang)
        with force_locale(lang):
            return Markup.escape(str(self.label))

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


class TrueFalse(QuestionType):
    name = "true_false"
    LABELS = {"true": _l("True"), "false": _l("False")}
    OPTIONS = tuple(Choice(value, InEachLanguage(label)) for value, label in LABELS.items())

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        answer = node.data.get("answer")
        if not isinstance(answer, bool):
            node.problem("'answer' must be true or false", "answer" if node.has("answer") else None)
        return {"answer": "true" if answer else "false"}

    def field(self, data: dict[str, Any], lang: str, rng: random.Random) -> UnboundField:
        choices = [SelectChoice(value, label) for value, label in self.LABELS.items()]
        return RadioField(choices=choices, validators=[Optional()])

    def answer_from_field(self, data: dict[str, Any], value: Any, lang: str) -> str | None:
        return value if value in self.LABELS else None

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {"options": [{"id": k, "text": str(v)} for k, v in self.LABELS.items()]}

    def answer_from_json(self, data: dict[str, Any], value: Any, lang: str) -> str:
        require(isinstance(value, str) and value in self.LABELS, 'must be "true" or "false"')
        return value

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.LABELS)}

    def score(self, data: dict[str, Any], answer: Any) -> float:
        return 1.0 if answer == data["answer"] else 0.0

    def key(self, data: dict[str, Any]) -> str:
        return data["answer"]

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        return [Markup.escape(str(self.LABELS[answer]))] if answer in self.LABELS else []

    def analysis_options(self, data: dict[str, Any]) -> tuple[Choice, ...]:
        return self.OPTIONS

    def options_chosen(self, data: dict[str, Any], answer: Any) -> tuple[str, ...]:
        return (answer,) if answer in self.LABELS else ()

    def key_options(self, data: dict[str, Any]) -> frozenset[str]:
        return frozenset((data["answer"],))
