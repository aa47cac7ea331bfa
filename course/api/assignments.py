"""The JSON shape of a student's assignments: dates, rules, grade and attempts."""

from datetime import datetime
from typing import Any

from course.classes.assignments import StudentAssignment


def assignment_json(item: StudentAssignment, now: datetime) -> dict[str, Any]:
    a, exception, override = item.assignment, item.exception, item.override
    return {
        "id": a.id,
        "class_name": item.klass.name,
        "module_id": a.module_id,
        "quiz_id": a.quiz_id,
        "opens_at": _iso(a.opens_dt),
        "due_at": _iso(a.due_dt),
        "closes_at": _iso(a.effective_closes_dt),
        "late_accepted": a.is_late_accepted,
        "time_limit_minutes": a.time_limit_minutes,
        "extra_minutes": exception.extra_minutes if exception else None,
        "status": item.status(now),
        "can_start": item.refusal(now) is None,
        "grading_method": a.grading_method,
        "grade_percent": round(item.grade, 2) if item.grade is not None else None,
        "grade_set_by_hand": override is not None,
        "instructor_comment": override.comment if override else None,
        "attempts_used": item.attempts_used,
        "attempts_allowed": item.attempts_allowed,
        "late": item.is_late,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value else None
