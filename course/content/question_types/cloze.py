"""Fill in the blanks: a passage with gaps, each a short text or a choice, each an equal share."""

import random
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup
from ruamel.yaml.comments import CommentedMap
from werkzeug.datastructures import MultiDict

from course.content.question_types.base import (
    CHOICES_SCHEMA,
    AnswerProblem,
    Choice,
    InvalidAnswer,
    ParseContext,
    QuestionType,
    choices_view,
    require,
    shuffled,
)
from course.content.question_types.choice import SingleChoice
from course.content.question_types.notes import equal_shares
from course.content.question_types.text import MAX_INPUT_LENGTH, ShortText, forgiven_note
from course.content.yamlnode import Node

MARKER = re.compile(r"\[\[([^\[\]]*)\]\]")
GAP_ID = re.compile(r"^[A-Za-z0-9_-]+$")
# Markers become these before Markdown runs: no Markdown syntax can split or swallow them.
PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>")
INLINE_WRAPPERS = {"em", "strong"}  # a gap may stand in emphasis, not in a link or code
TEXT = ShortText()
GAP_KINDS: dict[str, QuestionType] = {"text": TEXT, "choice": SingleChoice()}


@dataclass(frozen=True)
class Gap:
    """One blank: a short text or a single choice, with that type's own data."""

    id: str
    kind: str
    data: Mapping[str, Any]

    @property
    def type(self) -> QuestionType:
        return GAP_KINDS[self.kind]


# A passage in one language: each piece of text followed by its gap (None after the last).
Passage = tuple[tuple[Markup, Gap | None], ...]


class Cloze(QuestionType):
    name = "cloze"
    quick_seconds = 25  # several gaps in a passage

    def parse(self, node: Node, ctx: ParseContext) -> dict[str, Any] | None:
        gaps = _parse_gaps(node, ctx)
        texts = node.localized("text")
        if texts is None or not gaps:
            return None
        passages = _parse_passages(node, ctx, texts, gaps)
        if passages is None:
            return None
        return {"gaps": {gap_id: gap for gap_id, (gap, _node) in gaps.items()}, "passage": passages}

    def gaps_in_order(self, data: Mapping[str, Any], lang: str) -> list[Gap]:
        """The gaps as the passage in `lang` numbers them."""
        return [gap for _text, gap in data["passage"][lang] if gap]

    def option_orders(self, data: Mapping[str, Any], rng: random.Random) -> dict[str, list[Choice]]:
        """Each choice gap's options in this attempt's order, the same in every language."""
        return {
            gap.id: shuffled(gap.data["options"], rng)
            for gap in data["gaps"].values()
            if gap.kind == "choice"
        }

    def form_view(self, data: Mapping[str, Any], lang: str, rng: random.Random) -> dict:
        """`pieces`: (text, gap ID, kind, options as (value, label) or None), the last with no
        gap; `count`: how many gaps."""
        orders = self.option_orders(data, rng)
        pieces = [
            (text, gap.id, gap.kind, [(o.id, o.text[lang]) for o in orders.get(gap.id, ())])
            if gap
            else (text, None, None, None)
            for text, gap in data["passage"][lang]
        ]
        return {"pieces": pieces, "count": len(data["gaps"]), "max_length": MAX_INPUT_LENGTH}

    def posted_from_form(self, data: Mapping[str, Any], form: MultiDict, name: str) -> dict:
        posted = {gap_id: form.get(f"{name}-{gap_id}", "") for gap_id in data["gaps"]}
        return {gap_id: value for gap_id, value in posted.items() if value}

    def form_fields(self, data: Mapping[str, Any], answer: Any) -> list[tuple[str, str]]:
        return [(f"-{gap_id}", value) for gap_id, value in answer.items()]

    def read(self, data: Mapping[str, Any], posted: Any, lang: str) -> dict | None:
        """`{gap ID: text or option ID}`; blank gaps are left out."""
        require(isinstance(posted, dict), "must map gap IDs to answers")
        gaps = data["gaps"]
        require(set(posted) <= set(gaps), "names an unknown gap")
        numbers = _gap_numbers(self.gaps_in_order(data, lang if lang in data["passage"] else "en"))
        read = {
            gap_id: _read_gap(gaps[gap_id], given, numbers[gap_id], lang)
            for gap_id, given in posted.items()
            if given != ""
        }
        return {gap_id: value for gap_id, value in read.items() if value is not None} or None

    def answer_schema(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {g.id: g.type.answer_schema(g.data) for g in data["gaps"].values()},
            "additionalProperties": False,
            "description": "{gap ID: text, or an option ID}",
        }

    def public_view(self, data: Mapping[str, Any], lang: str, rng: random.Random) -> dict:
        orders = self.option_orders(data, rng)
        parts: list[dict[str, Any]] = []
        for text, gap in data["passage"][lang]:
            parts.append({"html": str(text)})
            if gap and gap.kind == "choice":
                options = choices_view(orders[gap.id], lang)
                parts.append({"gap": gap.id, "kind": "choice", "options": options})
            elif gap:
                parts.append({"gap": gap.id, "kind": "text", "max_length": MAX_INPUT_LENGTH})
        return {"passage": parts}

    def view_schema(self) -> dict[str, Any]:
        part = {
            "type": "object",
            "description": "A piece of the passage (html), or a gap (gap, kind and, for a "
            "choice, its options; for a text, its max_length)",
            "properties": {
                "html": {"type": "string"},
                "gap": {"type": "string"},
                "kind": {"type": "string", "enum": list(GAP_KINDS)},
                "options": CHOICES_SCHEMA,
                "max_length": {"type": "integer"},
            },
        }
        return {"passage": {"type": "array", "items": part}}

    def score(self, data: Mapping[str, Any], answer: Any) -> float:
        if not isinstance(answer, dict):
            return 0.0
        gaps = data["gaps"].values()
        return sum(g.type.score(g.data, _value(answer, g)) for g in gaps) / len(gaps)

    def key(self, data: Mapping[str, Any]) -> dict[str, str]:
        return {gap.id: gap.type.key(gap.data) for gap in data["gaps"].values()}

    def describe(self, data: Mapping[str, Any], answer: Any, lang: str) -> list[Markup]:
        answer = answer if isinstance(answer, dict) else {}
        gaps = self.gaps_in_order(data, lang)
        return [_describe_gap(n, gap, answer, lang) for n, gap in enumerate(gaps, 1)]

    def describe_key(self, data: Mapping[str, Any], lang: str) -> list[Markup]:
        return [
            _numbered(n, gap.type.describe_key(gap.data, lang))
            for n, gap in enumerate(self.gaps_in_order(data, lang), 1)
        ]

    def scoring_notes(self, data: Mapping[str, Any], answer: Any, lang: str) -> list[str]:
        """Each blank an equal share; a typo or a word form forgiven in a text blank, by its
        number."""
        answer = answer if isinstance(answer, dict) else {}
        gaps = self.gaps_in_order(data, lang)
        forgiven = (
            forgiven_note(TEXT.match(gap.data, _value(answer, gap)), _value(answer, gap), n)
            for n, gap in enumerate(gaps, 1)
            if gap.kind == "text"
        )
        notes = [note for note in forgiven if note]
        right = [n for n, g in enumerate(gaps, 1) if g.type.score(g.data, _value(answer, g)) >= 1]
        if answer and len(right) < len(gaps):
            notes.insert(0, equal_shares(_("Blanks filled in right"), len(right), len(gaps), lang))
        return notes

    def sample_answer(self, data: Mapping[str, Any], rng: random.Random, correct: bool) -> dict:
        if correct:
            return self.key(data)
        gaps = list(data["gaps"].values())
        wrong = rng.randrange(len(gaps))  # at least this one
        return {
            gap.id: gap.type.sample_answer(gap.data, rng, n != wrong and rng.random() < 0.5)
            for n, gap in enumerate(gaps)
        }

    def analysis_options(self, data: Mapping[str, Any]) -> tuple[Choice, ...]:
        """The choice gaps' options, as "<gap>:<option>", labelled "<gap number>. <text>"."""
        numbers = {lang: _gap_numbers(self.gaps_in_order(data, lang)) for lang in data["passage"]}
        return tuple(
            Choice(
                f"{gap.id}:{option.id}",
                {
                    lang: Markup("{}. {}").format(numbers[lang][gap.id], option.text[lang])
                    for lang in data["passage"]
                },
            )
            for gap in data["gaps"].values()
            if gap.kind == "choice"
            for option in gap.data["options"]
        )

    def options_chosen(self, data: Mapping[str, Any], answer: Any) -> tuple[str, ...]:
        answer = answer if isinstance(answer, dict) else {}
        return tuple(
            f"{gap.id}:{answer[gap.id]}"
            for gap in data["gaps"].values()
            if gap.kind == "choice" and _value(answer, gap)
        )

    def key_options(self, data: Mapping[str, Any]) -> frozenset[str]:
        return frozenset(
            f"{gap.id}:{gap.type.key(gap.data)}"
            for gap in data["gaps"].values()
            if gap.kind == "choice"
        )


def _read_gap(gap: Gap, given: Any, number: int, lang: str) -> Any:
    """A gap's posted value read by its own type; a text too long is the learner's to fix."""
    if gap.kind == "text" and isinstance(given, str) and len(given) > MAX_INPUT_LENGTH:
        raise AnswerProblem(
            # i18n: a blank of a fill-in-the-blanks question, numbered in the passage
            _(
                "Blank %(num)d is too long: at most %(max)d characters, please.",
                num=number,
                max=MAX_INPUT_LENGTH,
            )
        )
    try:
        return gap.type.read(gap.data, given, lang)
    except InvalidAnswer as exc:
        raise InvalidAnswer(f"gap '{gap.id}' {exc}") from exc


def _value(answer: dict, gap: Gap) -> str | None:
    value = answer.get(gap.id)
    return value if isinstance(value, str) else None


def _describe_gap(number: int, gap: Gap, answer: dict, lang: str) -> Markup:
    value = _value(answer, gap)
    return _numbered(number, gap.type.describe(gap.data, value, lang) if value else [])


def _numbered(number: int, lines: list[Markup]) -> Markup:
    return Markup("{}. {}").format(number, Markup("; ").join(lines) if lines else "—")


def _gap_numbers(gaps: list[Gap]) -> dict[str, int]:
    return {gap.id: n for n, gap in enumerate(gaps, 1)}


def _parse_gaps(node: Node, ctx: ParseContext) -> dict[str, tuple[Gap, Node]]:
    """The `gaps`, each read by its kind's own question type (accept lists, options, answer)."""
    gaps: dict[str, tuple[Gap, Node]] = {}
    for child in node.children("gaps"):
        gap_id = child.require("id", (str, int))
        kind = child.require("kind", str)
        if kind is not None and kind not in GAP_KINDS:
            child.problem(f"unknown gap kind '{kind}': use {' or '.join(GAP_KINDS)}", "kind")
            kind = None
        if gap_id is None:
            continue
        gap_id = str(gap_id)
        if not GAP_ID.match(gap_id):
            child.problem(f"gap ID '{gap_id}' must be letters, digits, '-' or '_'", "id")
        elif gap_id in gaps:
            child.problem(f"duplicate gap ID '{gap_id}'", "id")
        elif kind is not None:
            gaps[gap_id] = (Gap(gap_id, kind, GAP_KINDS[kind].parse(child, ctx)), child)
    if node.data.get("gaps") == []:
        node.problem("'gaps' needs at least one gap", "gaps")
    return _with_rivals(gaps)


def _with_rivals(gaps: dict[str, tuple[Gap, Node]]) -> dict[str, tuple[Gap, Node]]:
    """Text gaps that never forgive a typo or a form into another blank's answer or option."""
    answers: dict[str, dict[str, list[str]]] = {}
    for gap_id, (gap, _node) in gaps.items():
        found = answers[gap_id] = {}
        if gap.kind == "text":
            for lang, texts in gap.data["accept"].items():
                found.setdefault(lang, []).extend(texts)
        else:
            for option in gap.data["options"]:
                for lang, text in option.text.items():
                    found.setdefault(lang, []).append(text.striptags())
    rivals = {
        gap_id: {
            lang: [
                t
                for other, found in answers.items()
                if other != gap_id
                for t in found.get(lang, ())
            ]
            for lang in {lang for found in answers.values() for lang in found}
        }
        for gap_id in gaps
    }
    return {
        gap_id: (Gap(gap_id, gap.kind, TEXT.with_rivals(gap.data, rivals[gap_id])), node)
        if gap.kind == "text"
        else (gap, node)
        for gap_id, (gap, node) in gaps.items()
    }


def _parse_passages(
    node: Node, ctx: ParseContext, texts: Mapping[str, str], gaps: dict[str, tuple[Gap, Node]]
) -> dict[str, Passage] | None:
    """Each language's passage, its markers checked against the gaps, rendered as Markdown."""
    # A language the passage lacks is reported by `localized`: its markers are not checked.
    languages = [lang for lang in node.languages if texts[lang]]
    text_node = node.child(node.data["text"], node.line_of("text"))
    markers = {lang: Counter(MARKER.findall(texts[lang])) for lang in languages}
    nowhere = {g for g in gaps if not any(markers[lang][g] for lang in languages)}
    for gap_id in nowhere:
        gaps[gap_id][1].problem(f"gap '{gap_id}' has no marker [[{gap_id}]] in 'text'", "id")
    for lang in languages:
        _check_markers(text_node, lang, markers[lang], set(gaps) - nowhere)
    if len(languages) < len(node.languages):
        return None
    if any(markers[lang] != Counter(set(gaps)) for lang in languages):
        return None
    ids = list(gaps)
    swapped = CommentedMap(
        {
            lang: MARKER.sub(lambda m: f"\ue000{ids.index(m[1])}\ue001", texts[lang])
            for lang in languages
        }
    )
    # Rendered, and its citations checked, as any inline text; problems at the passage's line.
    holder = node.child(CommentedMap({"text": swapped}), node.line_of("text"))
    rendered = ctx.inline(holder, "text")
    if rendered is None:
        return None
    order = [gap for gap, _node in gaps.values()]
    passages = {lang: _split(text_node, lang, rendered[lang], order) for lang in languages}
    return None if None in passages.values() else passages


def _check_markers(text_node: Node, lang: str, found: Counter, expected: set[str]) -> None:
    for gap_id, times in found.items():
        if gap_id not in expected:
            text_node.problem(f"'text' ({lang}): marker [[{gap_id}]] names no gap", lang)
        elif times > 1:
            text_node.problem(f"'text' ({lang}): marker [[{gap_id}]] appears {times} times", lang)
    for gap_id in sorted(expected - set(found)):
        text_node.problem(f"'text' ({lang}) has no marker [[{gap_id}]]", lang)


def _split(text_node: Node, lang: str, html: Markup, gaps: list[Gap]) -> Passage | None:
    """The rendered passage cut at its placeholders; None if Markdown put one in a link or code."""
    pieces = PLACEHOLDER.split(str(html))
    texts, numbers = pieces[0::2], [int(n) for n in pieces[1::2]]
    misplaced = set(range(len(gaps))) - set(numbers)  # in a link's address, say
    for n, number in enumerate(numbers):
        if not _open_tags("".join(texts[: n + 1])) <= INLINE_WRAPPERS:
            misplaced.add(number)
    for number in sorted(misplaced):
        marker = f"[[{gaps[number].id}]]"
        text_node.problem(f"'text' ({lang}): marker {marker} cannot be in a link or code", lang)
    if misplaced:
        return None
    following = [gaps[n] for n in numbers] + [None]
    # Pieces of the renderer's HTML, cut outside its tags: what the author wrote is escaped.
    return tuple((Markup(t), g) for t, g in zip(texts, following, strict=True))  # noqa: S704


def _open_tags(html: str) -> set[str]:
    """The elements still open at the end of this piece of HTML."""
    stack: list[str] = []
    for match in TAG.finditer(html):
        closing, name = match[1], match[2]
        if closing and name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name)]
        elif not closing and name != "br":
            stack.append(name)
    return set(stack)
