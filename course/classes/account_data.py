"""What classes hold of an account: the classes joined, in the data download and the menu."""

from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from course.accounts.export import ACCOUNT_DATA
from course.accounts.models import User, UserSession
from course.accounts.sessions import SESSION_LOADS
from course.classes.models import Class, Enrollment
from course.extensions import db
from course.hooks import add_hook
from course.timeutil import iso


def classes_data(user_id: int) -> dict[str, Any]:
    rows = db.session.execute(
        select(Class.name, User.name, Enrollment.joined_dt)
        .join(Enrollment, Enrollment.class_id == Class.id)
        .join(User, User.id == Class.instructor_id)
        .where(Enrollment.user_id == user_id)
        .order_by(Enrollment.joined_dt)
    )
    return {
        "classes": [
            {"class": name, "instructor": instructor, "joined_at": iso(joined)}
            for name, instructor, joined in rows
        ]
    }


def init_app(app: Flask) -> None:
    add_hook(app, ACCOUNT_DATA, classes_data)
    add_hook(app, SESSION_LOADS, joinedload(UserSession.user).undefer(User.is_in_a_class))
