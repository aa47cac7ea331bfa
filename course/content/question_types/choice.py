"""Choice questions: single choice, multiple select, true/false."""

import random
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

from flask_babel import LazyString, force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from course.content.question_types.base import (
    CHOICES_SCHEMA,
    Choice,
    ParseContext,
    QuestionType,
    choices_view,
    ids_schema,
    require,
    shuffled,
    text_of,
)
from course.content.question_types.notes import MINUS, fraction, points_share, signed
from course.content.yamlnode import Node
from course.languages import languages


class OptionsQuestion(QuestionType):
    """A question answered by picking among its options, shown in this attempt's order."""

    def form_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        """`options`: (value, label) pairs in this attempt's order."""
        return {"options": [(o.id, o.text[lang]) for o in shuffled(data["options"], rng)]}

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {"options": choices_view(shuffled(data["options"], rng), lang)}

    def view_schema(self) -> dict[str, Any]:
        return {"options": CHOICES_SCHEMA}

    def analysis_options(self, data: dict[str, Any]) -> tuple[Choice, ...]:
        return data["options"]


class SingleChoice(OptionsQuestion):
    name = "single"
    quick_seconds = 10  # read the prompt, pick one of a few options
    min_options = 2

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        options = ctx.choices(node, "options", self.min_options)
        answer = node.require("answer", (str, int))
        ids = {o.id for o in options}
        if answer is not None and options and str(answer) not in ids:
            node.problem(f"answer '{answer}' names no option", "answer")
        return {"options": options, "answer": str(answer)}

    def read(self, data: dict[str, Any], posted: Any, lang: str) -> str:
        """An option ID."""
        ids = {o.id for o in data["options"]}
        require(isinstance(posted, str) and posted in ids, "must be the ID of one of the options")
        return posted

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**ids_schema(data["options"]), "description": "an option ID"}

    def sample_answer(self, data: dict[str, Any], rng: random.Random, correct: bool) -> str:
        if correct:
            return data["answer"]
        return rng.choice([o.id for o in data["options"] if o.id != data["answer"]])

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
    quick_seconds = 15  # every option weighed, not only the first right one

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

    def posted_from_form(self, data: dict[str, Any], form: MultiDict, name: str) -> list[str]:
        return form.getlist(name)

    def read(self, data: dict[str, Any], posted: Any, lang: str) -> list | None:
        """A list of option IDs, stored in the content's order; none picked answers nothing."""
        order = [o.id for o in data["options"]]
        require(isinstance(posted, list), "must be a list of option IDs")
        require(all(isinstance(v, str) and v in order for v in posted), "names an unknown option")
        return sorted(set(posted), key=order.index) or None

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        items = ids_schema(data["options"])
        return {"type": "array", "items": items, "description": "a list of option IDs"}

    def sample_answer(self, data: dict[str, Any], rng: random.Random, correct: bool) -> list:
        if correct:
            return self.key(data)
        ids = [o.id for o in data["options"]]
        while True:  # a wrong pick exists: at least one option is wrong
            picked = sorted(rng.sample(ids, rng.randint(1, len(ids))), key=ids.index)
            if set(picked) != data["answer"]:
                return picked

    def form_fields(self, data: dict[str, Any], answer: Any) -> list[tuple[str, str]]:
        return [("", option_id) for option_id in answer]

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

    def scoring_notes(self, data: dict[str, Any], answer: Any, lang: str) -> list[str]:
        """The rule of `score` applied to this answer, share by share (none for full marks)."""
        if not answer or self.score(data, answer) >= 1:
            return []
        key: frozenset[str] = data["answer"]
        picked = set(answer)
        distractors = len(data["options"]) - len(key)
        right, wrong = len(picked & key), len(picked - key)
        earned, lost = Fraction(right, len(key)), Fraction(wrong, distractors)
        notes = [
            # i18n: e.g. "Right options picked: 2 of 3, each +1/3: +2/3."
            _(
                "Right options picked: %(picked)d of %(count)d, each %(each)s: %(share)s.",
                picked=right,
                count=len(key),
                each=signed(Fraction(1, len(key))),
                share=signed(earned),
            ),
            # i18n: e.g. "Wrong options picked: 1 of 1, each −1: −1."
            _(
                "Wrong options picked: %(picked)d of %(count)d, each %(each)s: %(share)s.",
                picked=wrong,
                count=distractors,
                each=signed(-Fraction(1, distractors)),
                share=signed(-lost),
            ),
        ]
        if earned < lost:
            # i18n: formula is e.g. "2/3 − 1"
            notes.append(
                _(
                    "%(formula)s is below 0, and a score is never below 0: no points.",
                    formula=f"{fraction(earned)} {MINUS} {fraction(lost)}",
                )
            )
        else:
            notes.append(_("Together: %(total)s.", total=points_share(earned - lost, lang)))
        return notes

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
    quick_seconds = 10  # one statement, one click
    LABELS = {"true": _l("True"), "false": _l("False")}
    OPTIONS = tuple(Choice(value, InEachLanguage(label)) for value, label in LABELS.items())

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        answer = node.data.get("answer")
        if not isinstance(answer, bool):
            node.problem("'answer' must be true or false", "answer" if node.has("answer") else None)
        return {"answer": "true" if answer else "false"}

    def form_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {"options": [(value, Markup.escape(label)) for value, label in self.LABELS.items()]}

    def public_view(self, data: dict[str, Any], lang: str, rng: random.Random) -> dict:
        return {"options": [{"id": k, "text": str(v)} for k, v in self.LABELS.items()]}

    def read(self, data: dict[str, Any], posted: Any, lang: str) -> str:
        require(isinstance(posted, str) and posted in self.LABELS, 'must be "true" or "false"')
        return posted

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.LABELS), "description": "an option ID"}

    def view_schema(self) -> dict[str, Any]:
        return {"options": CHOICES_SCHEMA}

    def sample_answer(self, data: dict[str, Any], rng: random.Random, correct: bool) -> str:
        right = data["answer"] == "true"
        return "true" if right == correct else "false"

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
