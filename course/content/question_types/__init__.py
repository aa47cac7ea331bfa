"""The question types, one class each, in one registry keyed by the `type` used in content."""

from course.content.question_types.arrangement import Matching, Ordering
from course.content.question_types.base import Choice, InvalidAnswer, ParseContext, QuestionType
from course.content.question_types.choice import MultipleChoice, SingleChoice, TrueFalse
from course.content.question_types.numeric import Numeric, parse_number
from course.content.question_types.text import ShortText

QUESTION_TYPES: dict[str, QuestionType] = {
    t.name: t
    for t in (
        SingleChoice(),
        MultipleChoice(),
        TrueFalse(),
        Numeric(),
        Ordering(),
        Matching(),
        ShortText(),
    )
}

__all__ = [
    "QUESTION_TYPES",
    "Choice",
    "InvalidAnswer",
    "ParseContext",
    "QuestionType",
    "parse_number",
]
