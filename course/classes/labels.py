"""The words for grading methods and review options, in one place for forms, pages and files."""

from flask_babel import lazy_gettext as _l

from course.content.review_options import AFTER_CLOSE, AFTER_DUE, IMMEDIATELY, NEVER

# i18n: how a student's attempts make the grade; shown as "Your grade (best attempt)".
GRADING_LABELS = {
    "best": _l("best attempt"),
    "last": _l("last attempt"),
    "first": _l("first attempt"),
    "average": _l("average of attempts"),
}
GRADING_HINTS = {
    "best": _l("the highest score of any graded attempt"),
    "last": _l("the score of the attempt submitted last"),
    "first": _l("the score of the first attempt submitted; later ones are practice"),
    "average": _l("the mean of the scores of all graded attempts"),
}
REVIEW_PART_LABELS = {
    "score": _l("The score"),
    "correctness": _l("Which answers were right or wrong"),
    "key": _l("The right answers"),
    "explanations": _l("The explanations, with their sources"),
}
REVIEW_TIME_LABELS = {
    IMMEDIATELY: _l("immediately"),
    AFTER_DUE: _l("after the due date"),
    AFTER_CLOSE: _l("after the assignment closes"),
    NEVER: _l("never"),
}
