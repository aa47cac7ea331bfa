"""Who may see what: an instructor only their classes; anyone else gets a 404."""

from flask import abort
from flask_login import current_user

from course.classes.models import Class
from course.extensions import db


def require_instructor() -> None:
    if not current_user.is_authenticated or not current_user.is_instructor:
        abort(404)


def taught_class_or_404(class_id: int) -> Class:
    require_instructor()
    klass = db.session.get(Class, class_id)
    if klass is None or klass.instructor_id != current_user.id:
        abort(404)
    return klass
