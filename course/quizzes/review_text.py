"""The sentences that tell a learner what their result holds back, and until when."""

from flask_babel import gettext as _
from flask_babel import ngettext

from course.quizzes.review import KEY_PARTS, Review
from course.templating import when


def review_notes(review: Review) -> list[str]:
    """One sentence for each hidden part of the review, in the reader's language and zone."""
    notes = [_hidden_part(part, at and when(at)) for part, at in review.hidden.items()]
    if review.held_back and review.shown & KEY_PARTS:
        notes.append(
            ngettext(
                "The right answer to %(num)d question is held back while an assignment "
                "that includes it is open to you.",
                "The right answers to %(num)d questions are held back while an assignment "
                "that includes them is open to you.",
                len(review.held_back),
            )
        )
    return notes


def _hidden_part(part: str, shown_on: str | None) -> str:
    if shown_on is None:
        return {
            "score": _("Your score is not shown for this quiz."),
            "correctness": _("Which answers were right is not shown for this quiz."),
            "key": _("The right answers are not shown for this quiz."),
            "explanations": _("The explanations and their sources are not shown for this quiz."),
        }[part]
    return {
        "score": _("Your score will be shown from %(when)s.", when=shown_on),
        "correctness": _("Which answers were right will be shown from %(when)s.", when=shown_on),
        "key": _("The right answers will be shown from %(when)s.", when=shown_on),
        "explanations": _(
            "The explanations and their sources will be shown from %(when)s.", when=shown_on
        ),
    }[part]
