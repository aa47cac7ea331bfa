"""Per-student exceptions to an assignment's rules: extra minutes and extra attempts."""

from collections.abc import Iterable

from course.classes import per_student
from course.classes.models import AssignmentException


def student_exception(assignment_id: int, user_id: int) -> AssignmentException | None:
    """What this student is allowed beyond the assignment's rules, if anything."""
    return per_student.one(AssignmentException, assignment_id, user_id)


def exceptions_for(assignment_ids: Iterable[int]) -> dict[tuple[int, int], AssignmentException]:
    """(assignment, user) → exception, for the given assignments: one query."""
    return per_student.by_student(AssignmentException, assignment_ids)


def set_exception(
    assignment_id: int, user_id: int, extra_minutes: int | None, extra_attempts: int | None
) -> AssignmentException | None:
    """Give a student extra minutes and attempts; with neither, clear their exception."""
    if not extra_minutes and not extra_attempts:
        clear_exception(assignment_id, user_id)
        return None
    exception = student_exception(assignment_id, user_id) or AssignmentException(
        assignment_id=assignment_id, user_id=user_id
    )
    exception.extra_minutes = extra_minutes or None
    exception.extra_attempts = extra_attempts or None
    return per_student.save(exception)


def clear_exception(assignment_id: int, user_id: int) -> None:
    per_student.remove(AssignmentException, assignment_id, user_id)
