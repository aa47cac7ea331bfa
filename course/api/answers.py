"""What a PUT of answers sent: JSON values (API clients), or a page's own form fields.

The attempt page saves one answer at a time by sending that question's inputs as the page's
form would post them (`question=<ID>`, its fields, `revision`), form-encoded. Each question's
type reads them with its `posted_from_form`, as for the page's own form: the page's script
knows no type, and a type's inputs and their reading stay in its module.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Request, abort

from course.api.schemas import MAX_ID
from course.content.catalog import Question
from course.quizzes.forms import posted_answers

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


@dataclass(frozen=True)
class SentAnswers:
    """Posted values by question ID, the revision the client last saw, and where from."""

    posted: Mapping[str, Any]
    revision: int | None
    from_page: bool  # a page's form fields: a value of the wrong shape is the learner's to fix


def is_whole_number(value: object, maximum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= maximum


def sent_answers(request: Request, questions: list[Question]) -> SentAnswers:
    if request.mimetype in FORM_TYPES:
        return _from_form(request, questions)
    return _from_json(request)


def _from_json(request: Request) -> SentAnswers:
    if not request.is_json:
        abort(415, description="send the body as application/json, or a page's form fields")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="the request body must be a JSON object")
    if unknown := sorted(set(body) - {"answers", "revision"}):
        abort(400, description=f"unknown fields: {', '.join(unknown)}")
    sent, revision = body.get("answers"), body.get("revision")
    if not isinstance(sent, dict):
        abort(400, description="answers must be an object keyed by question ID")
    if revision is not None and not is_whole_number(revision, MAX_ID):
        abort(400, description=f"revision must be a whole number from 0 to {MAX_ID}")
    return SentAnswers(sent, revision, from_page=False)


def _from_form(request: Request, questions: list[Question]) -> SentAnswers:
    """`question` (an ID, once for each question sent), their fields as the page names them,
    `revision`."""
    named = request.form.getlist("question")
    revision = request.form.get("revision", "")
    if revision and not (revision.isascii() and revision.isdigit() and int(revision) <= MAX_ID):
        abort(400, description=f"revision must be a whole number from 0 to {MAX_ID}")
    by_id = {q.id: q for q in questions}
    # A question not in the attempt keeps no value: the caller refuses it by its ID.
    posted = dict.fromkeys(named)
    posted.update(posted_answers([by_id[i] for i in named if i in by_id], request.form))
    return SentAnswers(posted, int(revision) if revision else None, from_page=True)
