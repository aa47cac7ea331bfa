"""Citations of the source articles: `vi ¶9`, `ru ¶26–27`, `vi ¶9; ru ¶23`."""

import re
from dataclasses import dataclass

_PARAGRAPHS = r"¶\s*\d+(?:\s*[–-]\s*\d+)?(?:\s*,\s*¶?\s*\d+(?:\s*[–-]\s*\d+)?)*"
_ONE_SOURCE = re.compile(rf"^\s*([a-z]{{2,}})\s+({_PARAGRAPHS})\s*$")
LOOKS_LIKE_CITATION = re.compile(r"\[([a-z]{2,}\s+¶[^\]\n]*)\]")


@dataclass(frozen=True, order=True)
class Citation:
    """One paragraph of one source article."""

    source_id: str
    paragraph: int

    def __str__(self) -> str:
        return f"{self.source_id} ¶{self.paragraph}"


@dataclass(frozen=True)
class CitationSpan:
    """Consecutive paragraphs of one source, shown as one link: ¶26–27."""

    first: Citation
    last_paragraph: int

    @property
    def paragraphs(self) -> str:
        if self.last_paragraph == self.first.paragraph:
            return f"¶{self.first.paragraph}"
        return f"¶{self.first.paragraph}–{self.last_paragraph}"


class CitationSyntaxError(ValueError):
    pass


def parse_citations(text: str) -> tuple[Citation, ...]:
    """Parse `vi ¶9; ru ¶26–27, ¶30` into one Citation per paragraph, in order."""
    citations: list[Citation] = []
    for part in text.split(";"):
        match = _ONE_SOURCE.match(part)
        if not match:
            raise CitationSyntaxError(f"not a citation: {part.strip()!r}")
        source_id, paragraphs = match.groups()
        for span in re.split(r"\s*,\s*", paragraphs):
            citations.extend(Citation(source_id, n) for n in _paragraph_range(span))
    return tuple(citations)


def _paragraph_range(span: str) -> range:
    numbers = [int(n) for n in re.findall(r"\d+", span)]
    first, last = numbers[0], numbers[-1]
    if last < first:
        raise CitationSyntaxError(f"paragraph range runs backwards: ¶{first}–{last}")
    return range(first, last + 1)


def group_spans(citations: tuple[Citation, ...]) -> list[CitationSpan]:
    """Merge runs of consecutive paragraphs of the same source."""
    spans: list[CitationSpan] = []
    for citation in citations:
        previous = spans[-1] if spans else None
        if (
            previous
            and previous.first.source_id == citation.source_id
            and citation.paragraph == previous.last_paragraph + 1
        ):
            spans[-1] = CitationSpan(previous.first, citation.paragraph)
        else:
            spans.append(CitationSpan(citation, citation.paragraph))
    return spans
