"""A lesson's preview on its module page: plain text, no citation markers, cut at a sentence."""

import re

from markupsafe import Markup

PREVIEW_LENGTH = 220
_CITATION = re.compile(r'\s*<span class="cite">\[.*?\]</span>', re.S)
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def preview_text(html: str, limit: int = PREVIEW_LENGTH) -> str:
    """The summary's text without citations, cut after the last sentence that fits in `limit`."""
    # The summary is HTML the loader rendered itself; only its text is kept.
    text = Markup(_CITATION.sub("", str(html))).striptags()  # noqa: S704
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1)]
    if ends:
        return text[: ends[-1]]
    first_end = _SENTENCE_END.search(text)
    return text[: first_end.end()] if first_end else text
