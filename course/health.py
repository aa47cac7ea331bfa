"""`/healthz`: is the app up, is its database reachable, is the course loaded."""

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from course.content.access import get_catalog
from course.errors import RETRY_AFTER_SECONDS
from course.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        db.session.rollback()
        database = "unreachable"
    catalog = get_catalog()
    healthy = database == "ok"
    body = {
        "status": "ok" if healthy else "degraded",
        "database": database,
        "content": {"lessons": len(catalog.lessons), "questions": len(catalog.questions)},
    }
    headers = {} if healthy else {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return jsonify(body), 200 if healthy else 503, headers
