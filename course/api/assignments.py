"""The JSON shape of a student's assignments: dates, rules, grade and attempts."""

from datetime import datetime
from typing import Any

from course.classes.assignments import StudentAssignment
from course.timeutil import iso


def assignment_json(item: StudentAssignment, now: datetime) -> dict[str, Any]:
    a, exception, override = item.assignment, item.exception, item.override
    shows_grade = item.shows_grade(now)
    return {
        "id": a.id,
        "class_name": item.klass.name,
        "module_id": a.module_id,
        "quiz_id": a.quiz_id,
        "opens_at": iso(a.opens_dt),
        "due_at": iso(a.due_dt),
        "closes_at": iso(a.effective_closes_dt),
        "late_accepted": a.is_late_accepted,
        "time_limit_minutes": a.time_limit_minutes,
        "per_page": a.per_page,
        "extra_minutes": exception.extra_minutes if exception else None,
        "status": item.status(now),
        "can_start": item.refusal(now) is None,
        "grading_method": a.grading_method,
        "grade_shown": shows_grade,
        "grade_percent": round(item.grade, 2) if shows_grade and item.grade is not None else None,
        "grade_set_by_hand": shows_grade and override is not None,
        "instructor_comment": override.comment if shows_grade and override else None,
        "attempts_used": item.attempts_used,
        "attempts_allowed": item.attempts_allowed,
        "late": item.is_late,
    }
