"""The loaded course for this app, and lookups that give a 404 for unknown IDs."""

from flask import abort, current_app

from course.content.catalog import Catalog, Lesson, Module, Quiz


def get_catalog() -> Catalog:
    return current_app.extensions["catalog"]


def get_module_or_404(module_id: str) -> Module:
    module = get_catalog().modules.get(module_id)
    if module is None:
        abort(404)
    return module


def get_lesson_or_404(lesson_id: str) -> Lesson:
    lesson = get_catalog().lessons.get(lesson_id)
    if lesson is None:
        abort(404)
    return lesson


def get_quiz_or_404(quiz_id: str) -> Quiz:
    quiz = get_catalog().quizzes.get(quiz_id)
    if quiz is None:
        abort(404)
    return quiz
