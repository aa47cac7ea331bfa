"""The OpenAPI 3.0 document of `/api/v1`, served at `/api/v1/openapi.json`."""

from typing import Any

from course.api.review_schemas import review_answer_schema, review_schemas
from course.api.schemas import MAX_ID, SCHEMAS
from course.content.catalog import Catalog
from course.content.question_types import QUESTION_TYPES
from course.content.question_types.base import NO_NUL
from course.languages import DEFAULT_LANGUAGE, languages


def _lang() -> dict[str, Any]:
    """The `lang` query parameter: one of the languages in force."""
    return {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "Language of the content",
        "schema": {"type": "string", "enum": list(languages()), "default": DEFAULT_LANGUAGE},
    }


def _id(name: str, integer: bool = False) -> dict[str, Any]:
    schema = (
        {"type": "integer", "minimum": 1, "maximum": MAX_ID}
        if integer
        else {"type": "string", "pattern": NO_NUL}
    )
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _json(schema: str | dict, description: str = "OK") -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema
    return {"description": description, "content": {"application/json": {"schema": ref}}}


ERRORS = {
    str(code): _json("Error", text)
    for code, text in [
        (400, "Bad input"),
        (404, "Not found"),
        (415, "The body is not JSON"),
    ]
}


def _operation(summary: str, responses: dict, **extra: Any) -> dict[str, Any]:
    return {"summary": summary, "responses": {**responses, **ERRORS}, **extra}


def _body(schema: str) -> dict[str, Any]:
    return {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


CHANGES = {
    "409": _json(
        "Error", "The attempt is closed, the answers changed since, or a question is not in it"
    )
}
NOT_ALLOWED = {"401": _json("Error", "Wrong credentials"), "429": _json("Error", "Too many")}
CSRF_NOTE = (
    "Requests authenticated by the session cookie must send the X-CSRFToken header "
    "(see /session); requests with a valid Bearer token need not (an invalid one counts as none)."
)


ANSWERS_NOTE = (
    "Question ID → answer; null clears it. Only the attempt's own questions (its `questions`) "
    "may be answered: another question of the course is refused with 409. Each question's "
    "schema says what its type accepts. A value of another shape is refused with 400 (nothing "
    "is saved); an answer the learner must fix (a number that reads two ways, a position given "
    "twice) is not saved, with its reason (422)."
)


PAGE_NOTE = (
    "The course's attempt page also sends its own form fields here, form-encoded (`question` "
    "= a question ID, once for each question sent, its `answer-…` fields and `revision`), to "
    "save one answer at a time: that is the page's format, read by each question's type as "
    "when the page's form is posted, and not part of this document."
)


def answer_values_schema(catalog: Catalog) -> dict[str, Any]:
    """Every question of the course, each with the answers its type accepts, or null."""
    return {
        "type": "object",
        "description": ANSWERS_NOTE,
        "additionalProperties": False,
        "properties": {
            question.id: {
                **QUESTION_TYPES[question.type].answer_schema(question.data),
                "nullable": True,
            }
            for question in catalog.questions.values()
        },
    }


def flag_schema(catalog: Catalog) -> dict[str, Any]:
    """A flag for one of the attempt's questions (another question of the course: 409)."""
    return {
        "type": "object",
        "required": ["question", "flagged"],
        "additionalProperties": False,
        "properties": {
            "question": {"type": "string", "enum": list(catalog.questions)},
            "flagged": {"type": "boolean"},
        },
    }


def openapi_document(catalog: Catalog) -> dict[str, Any]:
    lang = _lang()
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Digital Diplomacy Course API",
            "version": "1",
            "description": "Catalog, lessons, quizzes, attempts and progress. " + CSRF_NOTE,
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "schemas": {
                **SCHEMAS,
                "AnswerValues": answer_values_schema(catalog),
                "Flag": flag_schema(catalog),
                **review_schemas(),
                "ReviewAnswer": review_answer_schema(catalog),
            },
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
        },
        "security": [{}, {"bearer": []}, {"session": []}],
        "paths": {
            "/session": {
                "get": _operation("CSRF token and the signed-in user", {"200": _json("Session")})
            },
            "/tokens": {
                "post": _operation(
                    "Exchange an email and password for an API token",
                    {"201": _json("Token", "Created"), **NOT_ALLOWED},
                    requestBody=_body("Credentials"),
                )
            },
            "/tokens/{token_id}": {
                "delete": _operation(
                    "Revoke one of your API tokens",
                    {
                        "204": {"description": "Revoked"},
                        "401": _json("Error", "Not signed in"),
                    },
                    parameters=[_id("token_id", integer=True)],
                )
            },
            "/catalog": {
                "get": _operation(
                    "Modules and lessons", {"200": _json("Catalog")}, parameters=[lang]
                )
            },
            "/lessons/{lesson_id}": {
                "get": _operation(
                    "A lesson", {"200": _json("Lesson")}, parameters=[_id("lesson_id"), lang]
                )
            },
            "/quizzes/{quiz_id}": {
                "get": _operation(
                    "A quiz", {"200": _json("Quiz")}, parameters=[_id("quiz_id"), lang]
                )
            },
            "/quizzes/{quiz_id}/attempts": {
                "post": _operation(
                    "Start an attempt (or resume the unfinished one)",
                    {"201": _json("Attempt", "Started")},
                    parameters=[_id("quiz_id"), lang],
                )
            },
            "/attempts/{attempt_id}": {
                "get": _operation(
                    "An attempt in progress, or its result once submitted",
                    {"200": _json("AttemptOrResult")},
                    parameters=[_id("attempt_id", integer=True), lang],
                )
            },
            "/attempts/{attempt_id}/answers": {
                "put": _operation(
                    "Save answers",
                    {
                        "200": _json("Saved"),
                        "422": _json("NotSaved", "Answers to fix; the others were saved"),
                        **CHANGES,
                    },
                    parameters=[_id("attempt_id", integer=True), lang],
                    requestBody=_body("Answers"),
                    description=PAGE_NOTE,
                )
            },
            "/attempts/{attempt_id}/flags": {
                "put": _operation(
                    "Flag a question for review, or take its flag off (a flag is never graded)",
                    {"200": _json("Flags"), **CHANGES},
                    parameters=[_id("attempt_id", integer=True)],
                    requestBody=_body("Flag"),
                )
            },
            "/attempts/{attempt_id}/submit": {
                "post": _operation(
                    "Submit the attempt as saved (again: the same result)",
                    {"200": _json("Result")},
                    parameters=[_id("attempt_id", integer=True), lang],
                )
            },
            "/progress": {"get": _operation("The learner's progress", {"200": _json("Progress")})},
            "/assignments": {
                "get": _operation(
                    "The signed-in student's assignments: grade, method, attempts and dates",
                    {"200": _json("Assignments"), "401": _json("Error", "Not signed in")},
                )
            },
            **review_paths(lang),
        },
    }


REVIEW_CARD_NOTE = (
    "Answer a card of the open session by its key (a question's ID, or glossary:<term ID>): "
    "404 for a key that is no question or term of the course; 409 (reason `not_in_attempt`) "
    "for one not in the session or answered already, and (reason `closed`) when no session "
    "is open. The answer of a question is not stored while the learner must fix it (422)."
)


def review_paths(lang: dict[str, Any]) -> dict[str, Any]:
    """The spaced review: what is due, sessions card by card, the settings."""
    key = {**_id("key"), "description": "A question's ID, or glossary:<term ID>"}
    closed = {"409": _json("Error", "No open session, or the card is not in it")}
    return {
        "/review": {
            "get": _operation(
                "Cards due today in the learner's time zone, the next due time, the open session",
                {"200": _json("Review")},
                parameters=[lang],
            )
        },
        "/review/session": {
            "post": _operation(
                "Start a review session of the cards due now, or resume the open one",
                {
                    "201": _json("ReviewSession", "The session, started or resumed"),
                    "200": _json("ReviewSession", "Nothing is due: no session (id null)"),
                },
                parameters=[lang],
            )
        },
        "/review/session/cards/{key}": {
            "post": _operation(
                "Answer a question card, or rate a flashcard",
                {
                    "200": _json("CardOutcome"),
                    "422": _json("Error", "An answer to fix (not stored), with its reason"),
                    **closed,
                },
                parameters=[key, lang],
                requestBody=_body("ReviewAnswer"),
                description=REVIEW_CARD_NOTE,
            )
        },
        "/review/settings": {
            "get": _operation("The learner's review settings", {"200": _json("ReviewSettings")}),
            "put": _operation(
                "Change review settings",
                {
                    "200": _json("ReviewSettings"),
                    "422": _json("SettingsNotSaved", "Values out of range: nothing saved"),
                },
                parameters=[lang],
                requestBody=_body("ReviewSettingsChange"),
            ),
        },
    }
