"""Markdown for lessons and questions, with citation and glossary-term syntax.

Rendered once at load time. Raw HTML is disabled, so the output is safe to mark up as-is.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import Markup, escape
from mdit_py_plugins.container import container_plugin

from course.content.citations import (
    LOOKS_LIKE_CITATION,
    Citation,
    CitationSpan,
    CitationSyntaxError,
    group_spans,
    parse_citations,
)

TERM_SCHEME = "term:"


@dataclass
class RenderEnv:
    """What one rendering found: citations, terms, and problems to report."""

    lang: str
    citations: list[Citation] = field(default_factory=list)
    term_ids: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (message, snippet)

    def problem(self, message: str, snippet: str = "") -> None:
        self.problems.append((message, snippet))


@dataclass(frozen=True)
class LinkTargets:
    """How rendered content links to the sources page and the glossary, per language."""

    cite_label: Callable[[CitationSpan, str], str]
    cite_title: Callable[[Citation, str], str]
    term_definition: Callable[[str, str], str]
    url_prefix: str = ""

    def sources_url(self, lang: str, citation: Citation) -> str:
        return f"{self.url_prefix}/{lang}/sources#{citation.source_id}-{citation.paragraph}"

    def glossary_url(self, lang: str, term_id: str) -> str:
        return f"{self.url_prefix}/{lang}/glossary#term-{term_id}"


class ContentRenderer:
    """Renders lesson and question Markdown to HTML, collecting what it cites."""

    def __init__(self, targets: LinkTargets) -> None:
        self.targets = targets
        self.md = MarkdownIt("commonmark", {"html": False, "typographer": False})
        self.md.enable("table")
        container_plugin(self.md, "note", render=self._render_note)
        self.md.inline.ruler.before("link", "citation", self._citation_rule)
        # Bound methods go straight into the rules: add_render_rule would rebind them.
        rules = self.md.renderer.rules
        rules["citation"] = self._render_citation
        rules["link_open"] = self._render_link_open
        rules["link_close"] = self._render_link_close

    def render(self, text: str, env: RenderEnv) -> Markup:
        """Render block Markdown (paragraphs, lists, notes)."""
        md_env = {"found": env}
        tokens = self.md.parse(text, md_env)
        _check_tokens(tokens, text, env)
        # Raw HTML is disabled, so markdown-it escapes everything an author wrote.
        return Markup(self.md.renderer.render(tokens, self.md.options, md_env))  # noqa: S704

    def render_inline(self, text: str, env: RenderEnv) -> Markup:
        """Render one line of Markdown without a wrapping paragraph (options, items)."""
        return Markup(self.md.renderInline(text, {"found": env}))  # noqa: S704

    @staticmethod
    def _citation_rule(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "[":
            return False
        match = LOOKS_LIKE_CITATION.match(state.src, state.pos)
        if not match or state.src.startswith("(", match.end()):
            return False
        if not silent:
            token = state.push("citation", "", 0)
            token.content = match.group(1)
        state.pos = match.end()
        return True

    def _render_citation(self, tokens: Sequence[Token], idx: int, options, md_env) -> str:
        env: RenderEnv = md_env["found"]
        try:
            citations = parse_citations(tokens[idx].content)
        except CitationSyntaxError as exc:
            env.problem(f"citation [{tokens[idx].content}]: {exc}", tokens[idx].content)
            return str(escape(f"[{tokens[idx].content}]"))
        env.citations.extend(citations)
        links = "; ".join(self.citation_link(span, env.lang) for span in group_spans(citations))
        return f'<span class="cite">[{links}]</span>'

    def citation_link(self, span: CitationSpan, lang: str) -> Markup:
        """A link to the sources page: author, year and paragraph(s)."""
        targets = self.targets
        return Markup('<a href="{}" title="{}" data-cite="{}" data-last="{}">{}</a>').format(
            targets.sources_url(lang, span.first),
            targets.cite_title(span.first, lang),
            span.first.source_id,
            span.last_paragraph,
            targets.cite_label(span, lang),
        )

    def _render_link_open(self, tokens: Sequence[Token], idx: int, options, md_env) -> str:
        href = str(tokens[idx].attrGet("href") or "")
        if not href.startswith(TERM_SCHEME):
            tokens[idx].attrSet("rel", "noopener")
            return self.md.renderer.renderToken(tokens, idx, options, md_env)
        env: RenderEnv = md_env["found"]
        term_id = href.removeprefix(TERM_SCHEME)
        env.term_ids.append(term_id)
        return str(
            Markup('<a class="term" href="{}" data-definition="{}"><dfn>').format(
                self.targets.glossary_url(env.lang, term_id),
                self.targets.term_definition(term_id, env.lang),
            )
        )

    def _render_link_close(self, tokens: Sequence[Token], idx: int, options, md_env) -> str:
        opening = _matching_link_open(tokens, idx)
        if opening is not None and str(opening.attrGet("href") or "").startswith(TERM_SCHEME):
            return "</dfn></a>"
        return self.md.renderer.renderToken(tokens, idx, options, md_env)

    @staticmethod
    def _render_note(renderer, tokens: Sequence[Token], idx: int, options, env) -> str:
        return '<aside class="note">\n' if tokens[idx].nesting == 1 else "</aside>\n"


def _matching_link_open(tokens: Sequence[Token], idx: int) -> Token | None:
    depth = 0
    for token in reversed(tokens[:idx]):
        if token.type == "link_close":
            depth += 1
        elif token.type == "link_open":
            if depth == 0:
                return token
            depth -= 1
    return None


def _check_tokens(tokens: Sequence[Token], text: str, env: RenderEnv) -> None:
    """Problems CommonMark forgives but an author should hear about."""
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h1":
            env.problem("use '##' for sections: the title is the only '#' heading", "# ")
    if text.count(":::") % 2:
        env.problem("a '::: note' block is not closed with ':::'", ":::")
