"""Classes and their rosters, as plain functions over the database."""

import secrets

from sqlalchemy import delete, func, select

from course.accounts.models import User
from course.classes.models import Assignment, Class, Enrollment
from course.extensions import db

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not db.session.scalar(select(Class.id).where(Class.join_code == code)):
            return code


def normalize_code(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


def create_class(instructor: User, name: str, description: str, default_lang: str) -> Class:
    klass = Class(
        instructor_id=instructor.id,
        name=name.strip(),
        description=(description or "").strip(),
        default_lang=default_lang,
        join_code=new_join_code(),
    )
    db.session.add(klass)
    db.session.commit()
    return klass


def regenerate_code(klass: Class) -> None:
    klass.join_code = new_join_code()
    db.session.commit()


def class_by_code(code: str) -> Class | None:
    return db.session.scalar(select(Class).where(Class.join_code == normalize_code(code)))


def join_class(klass: Class, user: User) -> bool:
    """Enrol the user; False if they were already in the class."""
    if is_enrolled(klass.id, user.id):
        return False
    db.session.add(Enrollment(class_id=klass.id, user_id=user.id))
    db.session.commit()
    return True


def is_enrolled(class_id: int, user_id: int) -> bool:
    query = select(Enrollment.id).where(
        Enrollment.class_id == class_id, Enrollment.user_id == user_id
    )
    return db.session.scalar(query) is not None


def remove_student(klass: Class, user_id: int) -> None:
    db.session.execute(
        delete(Enrollment).where(Enrollment.class_id == klass.id, Enrollment.user_id == user_id)
    )
    db.session.commit()


def roster(class_id: int) -> list[Enrollment]:
    query = (
        select(Enrollment)
        .join(Enrollment.user)
        .where(Enrollment.class_id == class_id)
        .order_by(func.lower(User.name))
    )
    return list(db.session.scalars(query))


def taught_classes(instructor_id: int) -> list[Class]:
    query = select(Class).where(Class.instructor_id == instructor_id).order_by(Class.created_dt)
    return list(db.session.scalars(query))


def joined_classes(user_id: int) -> list[Class]:
    query = (
        select(Class)
        .join(Enrollment, Enrollment.class_id == Class.id)
        .where(Enrollment.user_id == user_id)
        .order_by(Enrollment.joined_dt)
    )
    return list(db.session.scalars(query))


def class_assignments(class_id: int) -> list[Assignment]:
    query = select(Assignment).where(Assignment.class_id == class_id).order_by(Assignment.due_dt)
    return list(db.session.scalars(query))
