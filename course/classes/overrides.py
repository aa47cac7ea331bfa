"""Grades set by hand: they replace the computed grade of one student on one assignment."""

from collections.abc import Iterable

from course.classes import per_student
from course.classes.models import GradeOverride


def grade_override(assignment_id: int, user_id: int) -> GradeOverride | None:
    return per_student.one(GradeOverride, assignment_id, user_id)


def overrides_for(assignment_ids: Iterable[int]) -> dict[tuple[int, int], GradeOverride]:
    """(assignment, user) → the grade set by hand, for the given assignments: one query."""
    return per_student.by_student(GradeOverride, assignment_ids)


def set_override(
    assignment_id: int, user_id: int, percent: float, comment: str, instructor_id: int
) -> GradeOverride:
    override = grade_override(assignment_id, user_id) or GradeOverride(
        assignment_id=assignment_id, user_id=user_id
    )
    override.percent = percent
    override.comment = (comment or "").strip()
    override.instructor_id = instructor_id
    return per_student.save(override)


def clear_override(assignment_id: int, user_id: int) -> None:
    per_student.remove(GradeOverride, assignment_id, user_id)
