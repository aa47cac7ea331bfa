"""Load and validate the whole course from `lessons/` and `quizzes/` into a Catalog."""

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

from course.content.catalog import Catalog, GlossaryTerm, Module, Source, TimelineEvent
from course.content.citations import (
    Citation,
    CitationSpan,
    CitationSyntaxError,
    group_spans,
    parse_citations,
)
from course.content.lessons import load_lesson
from course.content.markdown import ContentRenderer, LinkTargets, RenderEnv
from course.content.problems import ContentError, Report
from course.content.quizzes import load_quizzes
from course.content.yamlnode import Node, load_yaml_file
from course.languages import COURSE_CODES

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A digest is one or two sentences: long enough to say something, short enough for a popover.
DIGEST_LENGTH = (40, 600)


def load_catalog(
    root: Path, url_prefix: str = "", languages: tuple[str, ...] = COURSE_CODES
) -> Catalog:
    """Read every content file under `root`, in every one of `languages`; raise ContentError
    listing all problems."""
    report = Report(root)
    catalog = ContentLoader(root, report, url_prefix, languages).load()
    if report.problems:
        raise ContentError(report.problems)
    return catalog


class ContentLoader:
    def __init__(
        self, root: Path, report: Report, url_prefix: str, languages: tuple[str, ...]
    ) -> None:
        self.root = root
        self.languages = languages
        self.lessons_dir = root / "lessons"
        self.report = report
        self.sources: dict[str, Source] = {}
        self.glossary: dict[str, GlossaryTerm] = {}
        self.renderer = ContentRenderer(
            LinkTargets(
                cite_label=self._cite_label,
                cite_title=self._cite_title,
                term_definition=lambda term_id, lang: (
                    self.glossary[term_id].definition[lang] if term_id in self.glossary else ""
                ),
                url_prefix=url_prefix,
            )
        )

    def load(self) -> Catalog:
        self.sources = self._load_sources()
        self.glossary = self._load_glossary()
        timeline = self._load_timeline()
        module_ids, final_exam_id = self._load_course()
        modules, lessons = self._load_modules(module_ids)
        quizzes, questions = load_quizzes(self, modules, lessons, final_exam_id)
        return Catalog(
            sources=MappingProxyType(self.sources),
            glossary=MappingProxyType(self.glossary),
            timeline=timeline,
            modules=MappingProxyType(modules),
            lessons=MappingProxyType(lessons),
            quizzes=MappingProxyType(quizzes),
            questions=MappingProxyType(questions),
            final_exam_id=final_exam_id,
        )

    # Shared helpers for the other loading modules

    def root_node(self, file: Path, expect_list: bool = False) -> Any:
        if not file.exists():
            self.report.add(file, 1, "file is missing")
            return None
        data = load_yaml_file(file, self.report)
        if data is None:
            return None
        if expect_list != isinstance(data, list):
            self.report.add(file, 1, "expected a list" if expect_list else "expected a mapping")
            return None
        return data if expect_list else self.node(data, file, 1)

    def list_nodes(self, file: Path) -> list[Node]:
        data = self.root_node(file, expect_list=True)
        if data is None:
            return []
        return [self.node(item, file, data.lc.item(i)[0] + 1) for i, item in enumerate(data)]

    def node(self, data: Any, file: Path, line: int, line_offset: int = 0) -> Node:
        return Node(data, file, self.report, line, line_offset, languages=self.languages)

    def check_id(self, node: Node, seen: Mapping[str, Any], what: str) -> str | None:
        value = node.require("id", str)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            node.problem(f"{what} ID '{value}' must be lowercase letters, digits and hyphens", "id")
        if value in seen:
            node.problem(f"duplicate {what} ID '{value}'", "id")
            return None
        return value

    def render(self, text: str, lang: str, node: Node, key: str, inline: bool = False) -> Markup:
        env = RenderEnv(lang)
        html = (self.renderer.render_inline if inline else self.renderer.render)(text, env)
        self.check_rendered(env, lambda message, snippet: node.problem(message, key))
        return html

    def render_localized(
        self, node: Node, key: str, inline: bool = False, required: bool = True
    ) -> MappingProxyType | None:
        texts = node.localized(key, required)
        if texts is None:
            return None
        return MappingProxyType(
            {lang: self.render(texts[lang], lang, node, key, inline) for lang in self.languages}
        )

    def check_rendered(self, env: RenderEnv, problem) -> None:
        """Report what the renderer found wrong, and citations or terms that do not exist."""
        for message, snippet in env.problems:
            problem(f"({env.lang}) {message}", snippet)
        for citation in env.citations:
            if (message := self.citation_problem(citation)) is not None:
                problem(f"({env.lang}) {message}", f"{citation.source_id} ¶{citation.paragraph}")
        for term_id in env.term_ids:
            if term_id not in self.glossary:
                problem(f"({env.lang}) unknown glossary term 'term:{term_id}'", f"term:{term_id}")

    def citation_problem(self, citation: Citation) -> str | None:
        source = self.sources.get(citation.source_id)
        if source is None:
            return f"citation of unknown source '{citation.source_id}'"
        if not source.has_paragraph(citation.paragraph):
            return f"citation of {citation}: that article has paragraphs ¶1–{source.paragraphs}"
        return None

    def citation_list(self, node: Node, key: str = "cite") -> tuple[Citation, ...]:
        citations: list[Citation] = []
        for text in node.string_list(key):
            try:
                found = parse_citations(text.strip("[]"))
            except CitationSyntaxError as exc:
                node.problem(f"'{key}': {exc}", key)
                continue
            for citation in found:
                if (message := self.citation_problem(citation)) is not None:
                    node.problem(message, key)
            citations.extend(found)
        if node.has(key) and not citations:
            node.problem(f"'{key}' must list at least one citation", key)
        return tuple(citations)

    def render_citations(self, citations: tuple[Citation, ...]) -> MappingProxyType:
        """Citation links in each language, as shown under a question or a glossary entry."""
        spans = group_spans(citations)
        return MappingProxyType(
            {
                lang: Markup("; ").join(self.renderer.citation_link(span, lang) for span in spans)
                for lang in self.languages
            }
        )

    def _cite_label(self, span: CitationSpan, lang: str) -> str:
        source = self.sources.get(span.first.source_id)
        if source is None:  # reported by check_rendered; the label only has to render
            return f"{span.first.source_id} {span.paragraphs}"
        return f"{source.cite_as[lang]} {source.year}, {span.paragraphs}"

    def _cite_title(self, citation: Citation, lang: str) -> str:
        source = self.sources.get(citation.source_id)
        return source.title if source else ""

    # The course's own files

    def _load_sources(self) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        for node in self.list_nodes(self.lessons_dir / "sources.yaml"):
            source_id = self.check_id(node, sources, "source")
            localized = [node.localized(k) for k in ("cite_as", "translated_title", "publication")]
            paragraphs = node.require("paragraphs", int)
            author, title = (node.require(k, str) for k in ("author", "title"))
            year = node.require("year", int)
            if None in (source_id, paragraphs, year, author, title, *localized):
                continue
            not_content = frozenset(int(n) for n in node.string_list("not_content", required=False))
            sources[source_id] = Source(
                source_id,
                author,
                localized[0],
                year,
                title,
                localized[1],
                localized[2],
                str(node.get("date", object, year)),
                node.get("language", str, source_id),
                paragraphs,
                not_content,
                self._load_digests(node, source_id, paragraphs, not_content),
            )
        return sources

    def _load_digests(
        self, node: Node, source_id: str, paragraphs: int, not_content: frozenset[int]
    ) -> Mapping[int, MappingProxyType]:
        """One digest per content paragraph, in every language, and none for any other."""
        data = node.get("digests", dict, {})
        field = node.child(data, node.line_of("digests"))
        digests: dict[int, MappingProxyType] = {}
        for key in data:
            number = key if isinstance(key, int) and not isinstance(key, bool) else None
            if number is None or not 1 <= number <= paragraphs:
                field.problem(f"digest of {source_id} ¶{key}: that article has ¶1–{paragraphs}")
            elif number in not_content:
                field.problem(f"digest of {source_id} ¶{number}: that paragraph is not_content")
            else:
                digests[number] = self._load_digest(field, source_id, number)
        for number in range(1, paragraphs + 1):
            if number not in not_content and number not in data:
                field.problem(f"{source_id} ¶{number} has no digest")
        return MappingProxyType(dict(sorted(digests.items())))

    def _load_digest(self, field: Node, source_id: str, number: int) -> MappingProxyType:
        value = field.data[number]
        texts = value if isinstance(value, dict) else {}
        digest = {lang: str(texts.get(lang) or "").strip() for lang in self.languages}
        low, high = DIGEST_LENGTH
        for lang, text in digest.items():
            if not text:
                field.problem(
                    f"digest of {source_id} ¶{number} is missing its '{lang}' text", number
                )
            elif not low <= len(text) <= high:
                field.problem(
                    f"digest of {source_id} ¶{number} ({lang}) has {len(text)} characters:"
                    f" keep it to {low}–{high}",
                    number,
                )
        extra = sorted(map(str, set(texts) - set(self.languages)))
        if extra:
            field.problem(
                f"digest of {source_id} ¶{number} has unknown languages: {', '.join(extra)}",
                number,
            )
        return MappingProxyType(digest)

    def _load_glossary(self) -> dict[str, GlossaryTerm]:
        terms: dict[str, GlossaryTerm] = {}
        for node in self.list_nodes(self.lessons_dir / "glossary.yaml"):
            term_id = self.check_id(node, terms, "glossary")
            term = node.localized("term")
            definition = node.localized("definition")
            citations = self.citation_list(node)
            if term_id and term and definition:
                terms[term_id] = GlossaryTerm(
                    term_id, term, definition, citations, self.render_citations(citations)
                )
        return terms

    def _load_timeline(self) -> tuple[TimelineEvent, ...]:
        events: dict[str, TimelineEvent] = {}
        for node in self.list_nodes(self.lessons_dir / "timeline.yaml"):
            event_id = self.check_id(node, events, "timeline")
            date = str(node.require("date", (str, int)) or "")
            if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
                node.problem(f"date '{date}' must be YYYY, YYYY-MM or YYYY-MM-DD", "date")
            event = self.render_localized(node, "event", inline=True)
            note = self.render_localized(node, "note", inline=True, required=False)
            citations = self.citation_list(node)
            if event_id and date and event:
                events[event_id] = TimelineEvent(
                    event_id,
                    date,
                    event,
                    citations,
                    note,
                    self.render_citations(citations),
                    node.get("outside_context", bool, False),
                )
        return tuple(sorted(events.values(), key=lambda e: e.date))

    def _load_course(self) -> tuple[tuple[str, ...], str | None]:
        node = self.root_node(self.lessons_dir / "course.yaml")
        if node is None:
            return (), None
        module_ids = node.string_list("modules")
        if len(set(module_ids)) != len(module_ids):
            node.problem("a module is listed twice in 'modules'", "modules")
        return tuple(dict.fromkeys(module_ids)), node.get("final_exam", str)

    def _load_modules(self, module_ids: tuple[str, ...]) -> tuple[dict, dict]:
        modules: dict[str, Module] = {}
        lessons: dict = {}
        for module_id in module_ids:
            module = self._load_module(module_id, lessons)
            if module:
                modules[module_id] = module
        for folder in sorted(p for p in self.lessons_dir.iterdir() if p.is_dir()):
            if folder.name not in module_ids:
                self.report.add(folder / "module.yaml", 1, "module is not listed in course.yaml")
        return modules, lessons

    def _load_module(self, module_id: str, lessons: dict) -> Module | None:
        file = self.lessons_dir / module_id / "module.yaml"
        node = self.root_node(file)
        if node is None:
            return None
        if node.get("id") != module_id:
            node.problem(f"'id' must be '{module_id}', the name of its folder", "id")
        lesson_ids = node.string_list("lessons")
        for lesson_id in lesson_ids:
            if lesson_id in lessons:
                node.problem(f"duplicate lesson ID '{lesson_id}'", "lessons")
                continue
            lesson = load_lesson(self, module_id, lesson_id, node.line_of("lessons"))
            if lesson:
                lessons[lesson_id] = lesson
        title = node.localized("title")
        description = node.localized("description")
        if not title or not description:
            return None
        return Module(module_id, title, description, lesson_ids, node.get("quiz", str))
