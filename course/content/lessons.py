"""Lesson files: YAML front matter, then a Markdown body, one file per language."""

import re
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from course.content.catalog import Lesson, LessonText
from course.content.markdown import RenderEnv
from course.content.yamlnode import parse_yaml

if TYPE_CHECKING:
    from course.content.loader import ContentLoader

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
LESSON_FIELDS = ("title", "objectives", "key_terms", "summary")


def load_lesson(
    loader: "ContentLoader", module_id: str, lesson_id: str, listed_at: int
) -> Lesson | None:
    """Read the lesson's file in each language; their key terms must agree."""
    folder = loader.lessons_dir / module_id
    texts: dict[str, LessonText] = {}
    key_terms: set[tuple[str, ...]] = set()
    citations: set = set()
    for lang in loader.languages:
        file = folder / f"{lesson_id}.{lang}.md"
        if not file.exists():
            loader.report.add(folder / "module.yaml", listed_at, f"missing lesson file {file.name}")
            continue
        loaded = _load_lesson_file(loader, file, lang)
        if loaded:
            text, terms, cited = loaded
            texts[lang] = text
            key_terms.add(terms)
            citations |= cited
    if len(key_terms) > 1:
        loader.report.add(folder / f"{lesson_id}.en.md", 1, "key_terms differ between languages")
    if not texts:  # with some, the lesson is kept: what names it is checked all the same
        return None
    return Lesson(
        lesson_id, module_id, key_terms.pop(), MappingProxyType(texts), frozenset(citations)
    )


def _load_lesson_file(loader: "ContentLoader", file: Path, lang: str):
    report = loader.report
    try:
        source = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.add(file, 1, f"cannot read file: {exc}")
        return None
    match = FRONT_MATTER.match(source)
    if not match:
        report.add(file, 1, "a lesson starts with front matter between two '---' lines")
        return None
    node = loader.node(parse_yaml(match.group(1), file, report, 1), file, 1, line_offset=1)
    if any(
        node.require(key, list if key in {"objectives", "key_terms"} else str) is None
        for key in LESSON_FIELDS
    ):
        return None
    for term_id in node.string_list("key_terms"):
        if term_id not in loader.glossary:
            node.problem(f"unknown glossary term '{term_id}' in key_terms", "key_terms")
    body_start = source[: match.end()].count("\n") + 1
    body_text = source[match.end() :]
    if not body_text.strip():
        report.add(file, body_start, "the lesson has no body")
    body_env = RenderEnv(lang)
    body = loader.renderer.render(body_text, body_env)
    loader.check_rendered(
        body_env,
        lambda message, snippet: report.add(
            file, _line_of(body_text, snippet, body_start), message
        ),
    )
    summary = loader.render(node.data["summary"], lang, node, "summary")
    objectives = tuple(
        loader.render(str(o), lang, node, "objectives", inline=True)
        for o in node.data["objectives"]
    )
    text = LessonText(str(node.data["title"]), objectives, summary, body, _word_count(body_text))
    return text, node.string_list("key_terms"), set(body_env.citations)


def _line_of(text: str, snippet: str, first_line: int) -> int:
    if snippet and snippet in text:
        return first_line + text[: text.index(snippet)].count("\n")
    return first_line


def _word_count(markdown: str) -> int:
    without_citations = re.sub(r"\[[a-z]{2}\s+¶[^\]]*\]", "", markdown)
    return len(re.findall(r"\w+", without_citations))
