"""The Review page: a session of due cards, one at a time, and the learner's review settings."""

from flask import Blueprint

from course.spaced_review import models  # noqa: F401 (the tables, for the app's metadata)

bp = Blueprint("spaced_review", __name__, template_folder="templates")
