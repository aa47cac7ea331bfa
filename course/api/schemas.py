"""The schemas of the API's bodies and answers, as the OpenAPI document names them."""

from typing import Any

from course.accounts.token_models import MAX_TOKEN_NAME
from course.content.paging import PER_PAGE_CHOICES
from course.content.question_types import QUESTION_TYPES
from course.content.question_types.base import text_schema

MAX_ID = 2**31 - 1  # the largest database ID (see course.urls.IdConverter)
MAX_QUESTION_ID = 100  # the length of a question ID column
MAX_EMAIL, MAX_PASSWORD = 254, 1024

NULLABLE_NUMBER = {"type": "number", "nullable": True}
NULLABLE_STRING = {"type": "string", "nullable": True}

ANSWERED = {
    "type": "object",
    "additionalProperties": {"type": "boolean"},
    "description": "Question ID → whether it has a stored answer now, for each question sent",
}
SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "integer"},
                    "message": {"type": "string"},
                    "reason": {
                        "type": "string",
                        "enum": ["closed", "stale", "not_in_attempt"],
                        "description": "Why a change was refused (409): the attempt is "
                        "submitted or its time is up; the answers changed since the revision "
                        "sent; a question is not in this attempt (or a card not in the review "
                        "session, or answered already). A review card when no session is open: "
                        "closed.",
                    },
                    "questions": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    },
    "Catalog": {
        "type": "object",
        "required": ["modules", "final_exam_id"],
        "properties": {
            "final_exam_id": NULLABLE_STRING,
            "modules": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "description", "lessons", "quiz_id"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "description": {"type": "string"},
                        "quiz_id": NULLABLE_STRING,
                        "lessons": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "title"],
                                "properties": {
                                    "id": {"type": "string"},
                                    "title": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "Lesson": {
        "type": "object",
        "required": ["id", "module_id", "title", "objectives_html", "summary_html", "body_html"],
        "properties": {
            "id": {"type": "string"},
            "module_id": {"type": "string"},
            "title": {"type": "string"},
            "objectives_html": {"type": "array", "items": {"type": "string"}},
            "summary_html": {"type": "string"},
            "body_html": {"type": "string"},
            "key_terms": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Quiz": {
        "type": "object",
        "required": ["id", "kind", "title", "pass_mark", "question_count"],
        "properties": {
            "id": {"type": "string"},
            "kind": {"type": "string", "enum": ["practice", "exam"]},
            "module_id": NULLABLE_STRING,
            "title": {"type": "string"},
            "pass_mark": {"type": "number"},
            "question_count": {"type": "integer"},
            "time_limit_minutes": {"type": "integer", "nullable": True},
        },
    },
    "Choice": {
        "type": "object",
        "required": ["id", "text"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
    },
    "Question": {
        "type": "object",
        "required": ["id", "type", "points", "prompt_html"],
        "properties": {
            "id": {"type": "string"},
            "type": {"type": "string", "enum": list(QUESTION_TYPES)},
            "points": {"type": "number"},
            "prompt_html": {"type": "string"},
            # What each type's public view adds (several types share "options").
            **{k: v for t in QUESTION_TYPES.values() for k, v in t.view_schema().items()},
        },
    },
    "Attempt": {
        "type": "object",
        "description": "An attempt in progress; a submitted one is returned as a Result.",
        "required": ["id", "quiz_id", "submitted", "revision", "questions", "answers", "flagged"],
        "properties": {
            "id": {"type": "integer"},
            "quiz_id": {"type": "string"},
            "submitted": {"type": "boolean"},
            "revision": {"type": "integer"},
            "deadline": NULLABLE_STRING,
            "questions": {"type": "array", "items": {"$ref": "#/components/schemas/Question"}},
            "answers": {"type": "object"},
            "flagged": {"$ref": "#/components/schemas/FlaggedList"},
        },
    },
    "FlaggedList": {
        "type": "array",
        "description": "The questions flagged for review, in the attempt's order",
        "items": {"type": "string"},
    },
    "Flags": {
        "type": "object",
        "required": ["flagged"],
        "properties": {"flagged": {"$ref": "#/components/schemas/FlaggedList"}},
    },
    "AttemptOrResult": {
        "oneOf": [{"$ref": "#/components/schemas/Attempt"}, {"$ref": "#/components/schemas/Result"}]
    },
    "Answers": {
        "type": "object",
        "required": ["answers"],
        "additionalProperties": False,
        "properties": {
            "answers": {"$ref": "#/components/schemas/AnswerValues"},
            "revision": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_ID,
                "nullable": True,
                "description": "The revision the client last saw; without it (or null) the "
                "answers are saved whatever changed since",
            },
        },
    },
    "Saved": {
        "type": "object",
        "required": ["revision", "answered"],
        "properties": {"revision": {"type": "integer"}, "answered": ANSWERED},
    },
    "NotSaved": {
        "type": "object",
        "required": ["error", "revision", "answered"],
        "description": "Some answers must be fixed by the learner and were not saved (the "
        "answer stored before stays); the other answers of the request were saved. "
        "`error.questions` gives each one's reason, in the language of `lang`, to show at its "
        "question (an ambiguous number, a position given twice…).",
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "questions"],
                "properties": {
                    "code": {"type": "integer", "enum": [422]},
                    "message": {"type": "string"},
                    "questions": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            },
            "revision": {"type": "integer"},
            "answered": ANSWERED,
        },
    },
    "Result": {
        "type": "object",
        "required": ["id", "quiz_id", "submitted", "score", "max_score", "percent", "passed"],
        "properties": {
            "id": {"type": "integer"},
            "quiz_id": {"type": "string"},
            "submitted": {"type": "boolean"},
            "submitted_at": NULLABLE_STRING,
            "score": NULLABLE_NUMBER,
            "max_score": {"type": "number"},
            "percent": NULLABLE_NUMBER,
            "passed": {"type": "boolean", "nullable": True},
            "late": {"type": "boolean"},
            "hidden": {
                "type": "object",
                "description": "Parts of the review held back (score, correctness, key, "
                "explanations) → when they will be shown (ISO 8601), or null: never. A part "
                "held back is null in the result.",
                "additionalProperties": NULLABLE_STRING,
            },
            "held_back_questions": {
                "type": "array",
                "description": "Questions whose key is held back while an assignment that "
                "includes them is open to this learner.",
                "items": {"type": "string"},
            },
            "kind": {
                "type": "string",
                "enum": ["quiz", "mistakes", "review"],
                "description": "quiz: an attempt at the quiz; mistakes: practising the "
                "mistakes of an earlier attempt (counts for no grade or progress).",
            },
            "time_taken_seconds": {"type": "integer", "nullable": True},
            "lessons": {
                "type": "array",
                "nullable": True,
                "description": "The score by lesson, weakest first, counting only questions "
                "whose correctness is shown; null where correctness is not shown.",
                "items": {"$ref": "#/components/schemas/LessonScore"},
            },
            "mistakes": {
                "type": "array",
                "nullable": True,
                "description": "The questions answered wrongly or partly, or not answered; "
                "null where correctness is not shown.",
                "items": {"type": "string"},
            },
            "questions": {"type": "array", "items": {"type": "object"}},
        },
    },
    "LessonScore": {
        "type": "object",
        "required": ["lesson_id", "title", "points", "max_points", "questions", "mistakes"],
        "properties": {
            "lesson_id": {"type": "string"},
            "title": {"type": "string"},
            "points": {"type": "number"},
            "max_points": {"type": "number"},
            "questions": {"type": "integer"},
            "mistakes": {"type": "integer"},
        },
    },
    "Progress": {
        "type": "object",
        "required": ["percent", "modules"],
        "properties": {
            "percent": {"type": "number"},
            "modules": {"type": "array", "items": {"type": "object"}},
            "final_exam": {"type": "object", "nullable": True},
        },
    },
    "Assignments": {
        "type": "object",
        "required": ["assignments"],
        "properties": {
            "assignments": {"type": "array", "items": {"$ref": "#/components/schemas/Assignment"}}
        },
    },
    "Assignment": {
        "type": "object",
        "description": "Dates are ISO 8601 in UTC. grade_percent follows grading_method, unless "
        "the instructor set the grade by hand (grade_set_by_hand, with instructor_comment).",
        "required": ["id", "quiz_id", "opens_at", "due_at", "status", "grading_method"],
        "properties": {
            "id": {"type": "integer"},
            "class_name": {"type": "string"},
            "module_id": NULLABLE_STRING,
            "quiz_id": {"type": "string"},
            "opens_at": {"type": "string", "format": "date-time"},
            "due_at": {"type": "string", "format": "date-time"},
            "closes_at": {**NULLABLE_STRING, "format": "date-time"},
            "late_accepted": {"type": "boolean"},
            "time_limit_minutes": {"type": "integer", "nullable": True},
            "per_page": {
                "type": "string",
                "enum": [*PER_PAGE_CHOICES, None],
                "nullable": True,
                "description": "Questions on each page of an attempt; null: as the quiz says",
            },
            "extra_minutes": {"type": "integer", "nullable": True},
            "status": {
                "type": "string",
                "enum": ["upcoming", "open", "due_soon", "overdue", "closed", "done"],
            },
            "can_start": {"type": "boolean"},
            "grading_method": {"type": "string", "enum": ["best", "last", "first", "average"]},
            "grade_shown": {
                "type": "boolean",
                "description": "false while the review options hold the score back: the grade, "
                "its comment and whether it was set by hand are then null or false",
            },
            "grade_percent": {"type": "number", "nullable": True},
            "grade_set_by_hand": {"type": "boolean"},
            "instructor_comment": NULLABLE_STRING,
            "attempts_used": {"type": "integer"},
            "attempts_allowed": {"type": "integer", "nullable": True},
            "late": {"type": "boolean"},
        },
    },
    "Session": {
        "type": "object",
        "required": ["csrf_token", "user"],
        "properties": {
            "csrf_token": {"type": "string"},
            "user": {"type": "object", "nullable": True},
        },
    },
    "Credentials": {
        "type": "object",
        "required": ["email", "password"],
        "additionalProperties": False,
        "properties": {
            "email": text_schema(MAX_EMAIL),
            "password": text_schema(MAX_PASSWORD),
            "name": {**text_schema(MAX_TOKEN_NAME), "description": "default: API token"},
        },
    },
    "Token": {
        "type": "object",
        "required": ["id", "name", "token", "expires_at"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "token": {"type": "string", "description": "shown only this once"},
            "expires_at": {"type": "string", "format": "date-time"},
        },
    },
}
