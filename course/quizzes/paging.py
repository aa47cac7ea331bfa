"""An attempt's questions a page at a time, and the state of each for the navigator and summary.

Plain Python over question IDs: the views ask which questions a page shows, where a question
is, and what the learner has done with each.
"""

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

# The largest page number read from a URL: anything longer is junk, shown as the last page.
_MAX_DIGITS = 6


@dataclass(frozen=True)
class Pages:
    """The attempt's questions, `per_page` at a time (None: all on one page)."""

    question_ids: Sequence[str]
    per_page: int | None

    @property
    def size(self) -> int:
        return self.per_page or max(1, len(self.question_ids))

    @property
    def count(self) -> int:
        return max(1, math.ceil(len(self.question_ids) / self.size))

    def nearest(self, raw: object) -> int:
        """The page asked for, or the nearest there is: junk is page 1, too far the last."""
        text = raw.strip() if isinstance(raw, str) else ""
        if not (text.isascii() and text.isdigit()):
            return 1
        if len(text) > _MAX_DIGITS:
            return self.count
        return min(max(1, int(text)), self.count)

    def on_page(self, page: int) -> Sequence[str]:
        start = (page - 1) * self.size
        return self.question_ids[start : start + self.size]

    def first_number(self, page: int) -> int:
        """The number, in the whole attempt, of the page's first question."""
        return (page - 1) * self.size + 1

    def page_of(self, question_id: str) -> int:
        return self.question_ids.index(question_id) // self.size + 1


@dataclass(frozen=True)
class QuestionState:
    """One question as the navigator and the summary list it."""

    number: int
    question_id: str
    page: int
    is_answered: bool
    is_flagged: bool


def question_states(
    pages: Pages, answered: Collection[str], flagged: Collection[str]
) -> list[QuestionState]:
    return [
        QuestionState(n, q, (n - 1) // pages.size + 1, q in answered, q in flagged)
        for n, q in enumerate(pages.question_ids, start=1)
    ]


@dataclass(frozen=True)
class Summary:
    """What the summary before submitting counts: answered, unanswered, flagged."""

    questions: list[QuestionState]

    @property
    def answered(self) -> list[QuestionState]:
        return [q for q in self.questions if q.is_answered]

    @property
    def unanswered(self) -> list[QuestionState]:
        return [q for q in self.questions if not q.is_answered]

    @property
    def flagged(self) -> list[QuestionState]:
        return [q for q in self.questions if q.is_flagged]
