"""Short text questions, compared leniently: case, spacing, word forms and a typo forgiven
(the rules are in `textmatch`)."""

import random
import unicodedata
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

from course.content.question_types.base import ParseContext, QuestionType, require, text_schema
from course.content.question_types.textmatch import FORM, TYPO, Forgive, Match, Matcher
from course.content.yamlnode import Node

MAX_INPUT_LENGTH = 200
GUESSES = ("I do not know", "diplomacy", "internet", "twitter")  # the benchmark's wrong answers
FORGIVE_KEYS = ("forms", "typos")


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
    quick_seconds = 20  # a word or phrase recalled and typed
    one_input = True
    max_length = MAX_INPUT_LENGTH

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any]:
        answers = _answer_lists(node, "accept", required=True)
        rejected = _answer_lists(node, "reject", required=False)
        ignore = bool(node.get("ignore_diacritics", bool, False))
        matcher = Matcher.build(answers, rejected, _forgive(node), ignore)
        _check_answers(node, matcher)
        return {
            "accept": answers,
            "reject": rejected,
            "ignore_diacritics": ignore,
            "match": matcher,
        }

    def read(self, data: dict[str, Any], posted: Any, lang: str) -> str | None:
        """A string; blank answers nothing."""
        require(
            isinstance(posted, str) and len(posted) <= MAX_INPUT_LENGTH,
            f"must be a string of at most {MAX_INPUT_LENGTH} characters",
        )
        return posted.strip() or None

    def answer_schema(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**text_schema(MAX_INPUT_LENGTH), "description": "a string (blank clears it)"}

    def sample_answer(self, data: dict[str, Any], rng: random.Random, correct: bool) -> str:
        if correct:
            return self.key(data)
        return rng.choice([g for g in GUESSES if not self.score(data, g)] or ["?"])

    def score(self, data: dict[str, Any], answer: Any) -> float:
        return 1.0 if self.match(data, answer) else 0.0

    def match(self, data: dict[str, Any], answer: Any) -> Match | None:
        """The accepted answer this one matches, and what was forgiven; None if wrong."""
        if not answer or not isinstance(answer, str):
            return None
        return data["match"].best(answer)

    def key(self, data: dict[str, Any]) -> str:
        return data["accept"]["en"][0]

    def describe(self, data: dict[str, Any], answer: Any, lang: str) -> list[Markup]:
        return [Markup.escape(answer)] if answer else []

    def describe_key(self, data: dict[str, Any], lang: str) -> list[Markup]:
        """The model answer: the first accepted in `lang`, not every variant accepted."""
        answers = data["accept"].get(lang) or data["accept"]["en"]
        return [Markup.escape(answers[0])]

    def scoring_notes(self, data: dict[str, Any], answer: Any, lang: str) -> list[str]:
        note = forgiven_note(self.match(data, answer), answer)
        return [note] if note else []

    def with_rivals(self, data: dict[str, Any], rivals: dict[str, list[str]]) -> dict[str, Any]:
        """This question's data, never forgiving an answer into one of `rivals` ({lang:
        answers} of another meaning, such as the other blanks of a passage)."""
        return {**data, "match": data["match"].with_rivals(rivals)}


def forgiven_note(match: Match | None, answer: Any, blank: int | None = None) -> str | None:
    """What was forgiven in an answer, in words; None if nothing was. `blank`: its number
    in a fill-in-the-blanks passage."""
    if match is None or not match.forgiven:
        return None
    values = {"answer": answer, "key": match.phrase.written}
    if blank is not None:
        values["num"] = blank
        if match.forgiven == {TYPO}:
            return _(
                "Blank %(num)d accepted with a typo forgiven: you wrote “%(answer)s”, "
                "the answer is “%(key)s”.",
                **values,
            )
        if match.forgiven == {FORM}:
            return _(
                "Blank %(num)d accepted in another form of the word: you wrote “%(answer)s”, "
                "the answer is “%(key)s”.",
                **values,
            )
        return _(
            "Blank %(num)d accepted with a typo and a word form forgiven: you wrote "
            "“%(answer)s”, the answer is “%(key)s”.",
            **values,
        )
    if match.forgiven == {TYPO}:
        return _(
            "Accepted with a typo forgiven: you wrote “%(answer)s”, the answer is “%(key)s”.",
            **values,
        )
    if match.forgiven == {FORM}:
        return _(
            "Accepted in another form of the word: you wrote “%(answer)s”, the answer is "
            "“%(key)s”.",
            **values,
        )
    return _(
        "Accepted with a typo and a word form forgiven: you wrote “%(answer)s”, the answer is "
        "“%(key)s”.",
        **values,
    )


def _answer_lists(node: Node, key: str, required: bool) -> dict[str, tuple[str, ...]]:
    """`{lang: [answers]}`: every language when required, any of them otherwise."""
    if not node.has(key):
        if required:
            node.problem(f"missing field '{key}'")
        return {}
    given = node.get(key, dict, {})
    for lang in sorted(set(map(str, given)) - set(node.languages)):
        node.problem(f"'{key}' has an unknown language '{lang}'", key)
    answers: dict[str, tuple[str, ...]] = {}
    for lang in node.languages:
        values = given.get(lang)
        if values is None and not required:
            continue
        if (
            not values
            or not isinstance(values, list)
            or not all(isinstance(v, str | int) and str(v).strip() for v in values)
        ):
            node.problem(f"'{key}' needs a list of answers in '{lang}'", key)
            continue
        answers[lang] = tuple(str(v) for v in values)
    return answers


def _forgive(node: Node) -> Forgive:
    """`forgive: {forms: bool, typos: bool}` (both true by default), or `forgive: false`."""
    value = node.data.get("forgive")
    if value is None or value is True:
        return Forgive()
    if value is False:
        return Forgive(forms=False, typos=False)
    if not isinstance(value, dict):
        node.problem("'forgive' must be {forms: true|false, typos: true|false} or false", "forgive")
        return Forgive()
    for key in sorted(set(map(str, value)) - set(FORGIVE_KEYS)):
        node.problem(f"'forgive' has an unknown key '{key}': use forms or typos", "forgive")
    flags = {}
    for key in FORGIVE_KEYS:
        flag = value.get(key, True)
        if not isinstance(flag, bool):
            node.problem(f"'forgive.{key}' must be true or false", "forgive")
            flag = True
        flags[key] = flag
    return Forgive(**flags)


def _check_answers(node: Node, matcher: Matcher) -> None:
    for p in matcher.accepted + matcher.rejected:
        if not p.words:
            node.problem(f"answer '{p.written}' has no words", "accept")
    accepted = {p.text for p in matcher.accepted}
    for p in matcher.rejected:
        if p.text in accepted:
            node.problem(f"'{p.written}' is both accepted and rejected", "reject")
