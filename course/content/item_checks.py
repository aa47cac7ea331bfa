"""The item-writing rules that `content check` applies mechanically (docs/item-writing.md).

They read each question's own YAML (the text as written, before Markdown), once every quiz is
loaded, and report a problem with its file and line like every other content problem:

- two questions that cite the same paragraph and have the same key without an `overlaps`
  entry in both directions (`check_overlaps`);
- a prompt that repeats an instruction the attempt page already shows (`check_instructions`),
  or mentions the lesson in some languages only (`check_lesson_mentions`);
- an option far longer than the other options of its question (`check_option_lengths`);
- absolute words ("only", "always") in the distractors and not in the key (`check_absolutes`);
- quotation marks in one language's prompt or option and in no other (`check_quotes`);
- an accepted answer with a Roman numeral in Cyrillic look-alike letters («ХХ») and not the
  same answer in Latin letters, which is what a learner types (`check_roman_numerals`).
"""

import re
import statistics
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from course.content.catalog import Question
from course.content.citations import LOOKS_LIKE_CITATION, Citation
from course.content.yamlnode import Node


@dataclass(frozen=True)
class Item:
    """A loaded question and the YAML it was loaded from."""

    question: Question
    node: Node


def check_items(items: Iterable[Item]) -> None:
    items = list(items)
    check_overlaps(items)
    for item in items:
        check_instructions(item)
        check_lesson_mentions(item)
        check_option_lengths(item)
        check_absolutes(item)
        check_quotes(item)
        check_roman_numerals(item)


# Text as a learner reads it, without the Markdown around it

_TERM_LINK = re.compile(r"\[([^\[\]]*)\]\(term:[^)]*\)")
_MARKUP = re.compile(r"[*_`]+|\[\[|\]\]")


def plain(text: Any) -> str:
    """The words of a content text: no citation markers, term links or emphasis marks."""
    text = LOOKS_LIKE_CITATION.sub("", str(text or ""))
    text = _TERM_LINK.sub(r"\1", text)
    return " ".join(_MARKUP.sub("", text).split())


def _texts(node: Node, key: str) -> dict[str, str]:
    """A localized field's plain text in each language ({} if it is not one)."""
    value = node.data.get(key)
    if not isinstance(value, dict):
        return {}
    return {lang: plain(value.get(lang)) for lang in node.languages}


def _line(node: Node, key: str, lang: str | None = None) -> int:
    """The line of `key`, or of its `lang` inside it when the field spreads over lines."""
    line = node.line_of(key)
    value = node.data.get(key)
    if lang is not None and isinstance(value, dict) and lang in value:
        line = node.child(value, line).line_of(lang)
    return line


def _options(node: Node) -> Iterator[Node]:
    """The option mappings of a single or multiple choice question."""
    items = node.data.get("options")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, dict):
            yield node.child(item, items.lc.item(index)[0] + 1 + node.offset)


# a. Undeclared overlaps

_PUNCTUATION = " .,;:!?()[]\"'«»“”„‘’–—-"
_ARTICLE = re.compile(r"^(the|a|an) ")


def normalized_key(text: Any) -> str:
    """A key as compared between questions: plain, case-folded, ё as е, no outer punctuation
    or quotation marks, no leading English article."""
    text = unicodedata.normalize("NFC", plain(text).casefold().replace("ё", "е"))
    text = " ".join(text.strip(_PUNCTUATION).split())
    return _ARTICLE.sub("", text)


def _number_key(value: Any) -> str | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    return format(number.normalize(), "f")


def keys_of(item: Item) -> frozenset[str]:
    """What a question's key says, in English, normalized (see `normalized_key`):

    the text of each right option (single, multiple, a choice gap), each accepted answer
    (short text, a text gap), the number (numeric). True/false, ordering and matching keys are
    not texts that another question could give away, and have none.
    """
    node, kind = item.node, item.question.type
    data = node.data
    keys: set[str] = set()
    if kind in ("single", "multiple"):
        keys |= _option_keys(node, data.get("answer"))
    elif kind == "short_text":
        keys |= _accepted_keys(data)
    elif kind == "numeric":
        keys |= {k for k in [_number_key(data.get("answer"))] if k}
    elif kind == "cloze":
        for gap in data.get("gaps") or ():
            if not isinstance(gap, dict):
                continue
            if gap.get("kind") == "choice":
                keys |= _option_keys(node.child(gap, node.line), gap.get("answer"))
            else:
                keys |= _accepted_keys(gap)
    return frozenset(k for k in keys if k)


def _option_keys(node: Node, answer: Any) -> set[str]:
    right = {str(a) for a in answer} if isinstance(answer, list) else {str(answer)}
    return {
        normalized_key((option.data.get("text") or {}).get("en"))
        for option in _options(node)
        if str(option.data.get("id")) in right and isinstance(option.data.get("text"), dict)
    }


def _accepted_keys(data: Any) -> set[str]:
    accept = data.get("accept") if isinstance(data, dict) else None
    answers = accept.get("en") if isinstance(accept, dict) else None
    return {normalized_key(a) for a in answers or () if isinstance(a, str | int)}


def check_overlaps(items: list[Item]) -> None:
    """Two questions sharing a cited paragraph and a key must list each other in `overlaps`."""
    keyed = [(item, set(item.question.citations), keys_of(item)) for item in items]
    keyed = [entry for entry in keyed if entry[2]]
    for index, (first, first_cites, first_keys) in enumerate(keyed):
        for second, second_cites, second_keys in keyed[index + 1 :]:
            shared_keys = first_keys & second_keys
            shared_cites = first_cites & second_cites
            if not shared_keys or not shared_cites:
                continue
            _report_overlap(first, second, min(shared_cites), min(shared_keys))
            _report_overlap(second, first, min(shared_cites), min(shared_keys))


def _report_overlap(item: Item, other: Item, cite: Citation, key: str) -> None:
    question = item.question
    if other.question.id in question.overlaps:
        return
    declared = question.id in other.question.overlaps
    where = f"'{other.question.id}' ({other.node.file.name}:{other.node.line})"
    message = (
        f"question '{question.id}' and {where} both cite {cite} and have the key “{key}”: "
        + (
            f"'{other.question.id}' lists this one in 'overlaps', list it back"
            if declared
            else "if they test the same fact, list each other in 'overlaps';"
            " otherwise change one of them"
        )
    )
    item.node.problem(message)


# b. Instructions the attempt page already shows

# Each pattern is what one of the page's hints says (course/content/question_types/templates):
# a multiple choice question shows "Choose every answer that applies", a true/false question
# offers "True" and "False", a numeric question "Write the number as you usually would, for
# example 73,6" (the decimal separator of the learner's language). Matched case-insensitively in
# every prompt, of any type: in a question of another type the instruction is wrong as well as
# redundant.
SHOWN_INSTRUCTIONS: dict[str, tuple[str, ...]] = {
    "en": (
        r"\ball that apply\b",
        r"\bevery (answer|option) that applies\b",
        r"\b(choose|select|tick|mark|pick|check) (all|every)( of)? the (correct|right|true)\b",
        r"\btrue or false\b",
        r"\bdecimal (point|comma)\b",
    ),
    "vi": (
        r"\bchọn tất cả\b",
        r"\bchọn (mọi|các|những) (đáp án|phương án|câu trả lời|ý) (đúng|phù hợp)\b",
        r"\bđúng hay sai\b",
        r"\bđúng hoặc sai\b",
        r"\bdấu (phẩy|chấm) thập phân\b",
    ),
    "ru": (
        r"\b(отметьте|выберите|укажите) все\b",
        r"\bвсе (подходящие|верные|правильные) (варианты|ответы)\b",
        r"\bверно или (неверно|нет)\b",
        r"\bправда или (ложь|нет)\b",
        r"\bдесятичн\w* (запят|точк)\w*",
    ),
}
_SHOWN = {
    lang: [re.compile(pattern, re.IGNORECASE) for pattern in patterns]
    for lang, patterns in SHOWN_INSTRUCTIONS.items()
}


def check_instructions(item: Item) -> None:
    node = item.node
    for lang, text in _texts(node, "prompt").items():
        found = [m for m in (p.search(text) for p in _SHOWN.get(lang, ())) if m]
        if found:
            said = min(found, key=lambda m: m.start()).group(0)
            node.report.add(
                node.file,
                _line(node, "prompt", lang),
                f"({lang}) the prompt of '{item.question.id}' says “{said}”, an instruction"
                " the page already shows: remove it",
            )


# A mention of the lesson, which the prompt of one language has and another's lacks
LESSON_MENTIONS = {
    "en": r"\blessons?\b",
    "vi": r"\bbài học\b",
    "ru": r"\bурок(а|у|ом|е|и|ов|ам|ами|ах)?\b",
}
_LESSON = {lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in LESSON_MENTIONS.items()}


def check_lesson_mentions(item: Item) -> None:
    node = item.node
    texts = _texts(node, "prompt")
    mentioned = [
        lang for lang, text in texts.items() if lang in _LESSON and _LESSON[lang].search(text)
    ]
    missing = [lang for lang in texts if lang in _LESSON and lang not in mentioned]
    if not mentioned or not missing:
        return
    for lang in mentioned:
        node.report.add(
            node.file,
            _line(node, "prompt", lang),
            f"({lang}) the prompt of '{item.question.id}' mentions the lesson and its"
            f" {', '.join(missing)} prompt does not: say the same in every language",
        )


# c. An option far longer than the others

LONG_OPTION_RATIO = 2.0  # longer than twice the median length of the other options
LONG_OPTION_MINIMUM = 40  # characters: a short option may be twice as long as a shorter one


def check_option_lengths(item: Item) -> None:
    if item.question.type not in ("single", "multiple"):
        return
    node = item.node
    options = [(option, _texts(option, "text")) for option in _options(node)]
    if len(options) < 2:
        return
    for lang in node.languages:
        lengths = [len(texts.get(lang, "")) for _option, texts in options]
        longest = max(lengths)
        index = lengths.index(longest)
        others = lengths[:index] + lengths[index + 1 :]
        median = statistics.median(others)
        if longest > LONG_OPTION_MINIMUM and longest > LONG_OPTION_RATIO * median:
            option = options[index][0]
            node.report.add(
                node.file,
                _line(option, "text", lang),
                f"({lang}) option '{option.data.get('id')}' of '{item.question.id}' has"
                f" {longest} characters, more than {LONG_OPTION_RATIO:g} times the others'"
                f" median ({median:g}): a test-wise learner picks it (or rules it out);"
                " bring the options to a similar length",
            )


# Absolutes in the distractors only

ABSOLUTES = {
    "en": r"\b(only|always|never|all|every|none|entirely|completely|fully|solely|exclusively)\b",
    # chỉ, but not in địa chỉ (address), chỉ số (index), chỉ ra (point out), chỉ đạo (direct)…
    "vi": r"(?<!địa )\b(chỉ(?! (số|ra|đạo|định|trích|thị|tiêu|dẫn|huy|mục))|luôn|không bao giờ"
    r"|tất cả|mọi|toàn bộ|hoàn toàn|duy nhất)\b",
    "ru": r"\b(только|лишь|всегда|никогда|все|всё|всех|полностью|исключительно|единственн\w*)\b",
}
_ABSOLUTE = {lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in ABSOLUTES.items()}
ABSOLUTE_DISTRACTORS = 2  # at least this many distractors with an absolute, and no key option


def check_absolutes(item: Item) -> None:
    if item.question.type not in ("single", "multiple"):
        return
    node = item.node
    answer = node.data.get("answer")
    right = {str(a) for a in answer} if isinstance(answer, list) else {str(answer)}
    options = [(option, _texts(option, "text")) for option in _options(node)]
    for lang, pattern in _ABSOLUTE.items():
        if lang not in node.languages:
            continue
        marked = [
            (option, match.group(0))
            for option, texts in options
            if (match := pattern.search(texts.get(lang, "")))
        ]
        if any(str(option.data.get("id")) in right for option, _word in marked):
            continue
        if len(marked) >= ABSOLUTE_DISTRACTORS:
            words = ", ".join(f"“{word}” ('{option.data.get('id')}')" for option, word in marked)
            node.report.add(
                node.file,
                _line(node, "options"),
                f"({lang}) distractors of '{item.question.id}' say {words} and no right option"
                " does: a test-wise learner rules them out; drop the absolutes, or use them in"
                " the key too",
            )


# d. Quotation marks in one language only

QUOTATION_MARKS = '«»“”„"'


def check_quotes(item: Item) -> None:
    node = item.node
    _check_quoted(item, node, "prompt", "the prompt")
    for option in _options(node):
        _check_quoted(item, option, "text", f"option '{option.data.get('id')}'")


def _check_quoted(item: Item, node: Node, key: str, what: str) -> None:
    texts = _texts(node, key)
    quoted = [lang for lang, text in texts.items() if any(q in text for q in QUOTATION_MARKS)]
    if len(quoted) == 1 and len(texts) > 1:
        lang = quoted[0]
        others = ", ".join(other for other in texts if other != lang)
        node.report.add(
            node.file,
            _line(node, key, lang),
            f"({lang}) {what} of '{item.question.id}' has quotation marks and its {others}"
            " text has none: quote in every language or in none",
        )


# e. Roman numerals in Cyrillic letters only

_LOOK_ALIKES = str.maketrans("ХІСМ", "XICM")
_CYRILLIC_NUMERAL = re.compile(r"(?<!\w)(?=\w*[ХІСМ])[IVXLCDMХІСМ]{2,}(?!\w)")


def check_roman_numerals(item: Item) -> None:
    """Each accepted answer written with Cyrillic Х, І, С or М as a Roman numeral needs its
    Latin twin in the same list: «XX» typed on any keyboard must be right."""
    data = item.node.data
    if item.question.type == "short_text":
        _check_numerals(item, item.node, data, "accept")
    elif item.question.type == "cloze":
        gaps = data.get("gaps")
        for index, gap in enumerate(gaps if isinstance(gaps, list) else ()):
            if isinstance(gap, dict) and gap.get("kind") == "text":
                line = gaps.lc.item(index)[0] + 1 + item.node.offset
                _check_numerals(item, item.node.child(gap, line), gap, "accept")


def _check_numerals(item: Item, node: Node, data: Any, key: str) -> None:
    accept = data.get(key)
    if not isinstance(accept, dict):
        return
    for lang, answers in accept.items():
        if not isinstance(answers, list):
            continue
        given = {str(a) for a in answers}
        for answer in sorted(given):
            if _CYRILLIC_NUMERAL.search(answer) and answer.translate(_LOOK_ALIKES) not in given:
                node.report.add(
                    node.file,
                    _line(node, key, lang),
                    f"({lang}) '{item.question.id}' accepts “{answer}”, a Roman numeral in"
                    f" Cyrillic letters, but not “{answer.translate(_LOOK_ALIKES)}” in Latin"
                    " letters, which is what a learner types: accept both",
                )
