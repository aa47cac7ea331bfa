"""Digital Diplomacy Course: a trilingual course-and-quiz application."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from course import (
    cli,
    database,
    errors,
    favicon,
    i18n,
    inputs,
    languages,
    mail,
    security,
    shared_pages,
    templating,
)
from course.classes import account_data as class_data
from course.classes import display
from course.classes import rules as assignment_rules
from course.content.loader import load_catalog
from course.content.problems import ContentError
from course.extensions import babel, csrf, db, login_manager, migrate
from course.learners import current as learners
from course.paths import PROJECT_ROOT
from course.progress import account_data as progress_data
from course.quizzes import account_data as quiz_data
from course.spaced_review import events as review_events
from course.spaced_review import menu as review_menu
from course.urls import IdConverter


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: config, extensions, blueprints and the content catalog."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder=str(PROJECT_ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(app.instance_path) / 'course.sqlite'}",
        CONTENT_DIR=str(PROJECT_ROOT),
        LANGUAGES=languages.COURSE_CODES,
        BABEL_TRANSLATION_DIRECTORIES=str(PROJECT_ROOT / "translations"),
        BABEL_DEFAULT_LOCALE=languages.DEFAULT_LANGUAGE,
        # The CSRF token lives as long as the session, so a long quiz is never refused.
        WTF_CSRF_TIME_LIMIT=None,
        SESSION_IDLE_MINUTES=120,
        PERMANENT_SESSION_LIFETIME=timedelta(days=180),
        MAX_CONTENT_LENGTH=1024 * 1024,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        PRODUCTION=False,
        REDIS_URL=None,
        MAIL_SERVER=None,
        MAIL_PORT=25,
        MAIL_USERNAME=None,
        MAIL_PASSWORD=None,
        MAIL_USE_TLS=False,
        MAIL_FROM="Digital Diplomacy Course <no-reply@localhost>",
        PASSWORD_RESET_MINUTES=30,
        EMAIL_CHANGE_MINUTES=24 * 60,
        API_TOKEN_DAYS=90,
        # Spaced review: FSRS spreads due dates a little (off in tests, for exact intervals).
        REVIEW_FUZZING=True,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        _config_from_environment(app)
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY") and not app.config["PRODUCTION"]:
        app.config["SECRET_KEY"] = _instance_secret_key(app)
        app.config["SECRET_KEY_IS_GENERATED"] = True
    languages.init_app(app)
    security.init_app(app)
    inputs.init_app(app)

    app.url_map.converters["id"] = IdConverter
    app.extensions["catalog"] = _load_content(app)
    _init_extensions(app)
    database.init_app(app)
    _register_blueprints(app)
    i18n.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    shared_pages.init_app(app)
    favicon.init_app(app)
    display.init_app(app)
    assignment_rules.init_app(app)
    review_menu.init_app(app)
    # Each higher package registers its part of accounts and learners (see course.hooks), in
    # the order of the data download's sections.
    for package in (learners, progress_data, quiz_data, review_events, class_data):
        package.init_app(app)
    cli.init_app(app)
    return app


def _load_content(app: Flask):
    """The course content, validated once; the app refuses to start if it is invalid."""
    try:
        return load_catalog(
            Path(app.config["CONTENT_DIR"]),
            app.config["APPLICATION_ROOT"].rstrip("/"),
            tuple(app.config["LANGUAGES"]),
        )
    except ContentError as exc:
        app.logger.error("The app cannot start: %s", exc.summary())
        raise


def _config_from_environment(app: Flask) -> None:
    if url := os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = url
    if content_dir := os.environ.get("COURSE_CONTENT_DIR"):
        app.config["CONTENT_DIR"] = content_dir
    if codes := languages.codes_from_environment():
        app.config["LANGUAGES"] = codes
    if key := os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = key
    if redis_url := os.environ.get("REDIS_URL"):
        app.config["REDIS_URL"] = redis_url
    app.config["PRODUCTION"] = os.environ.get("COURSE_ENV", "").lower() == "production"
    for name in ("PASSWORD_RESET_MINUTES", "EMAIL_CHANGE_MINUTES", "API_TOKEN_DAYS"):
        if value := os.environ.get(name):
            app.config[name] = int(value)
    _mail_config_from_environment(app)


def _mail_config_from_environment(app: Flask) -> None:
    """MAIL_URL, or the MAIL_* variables one by one (which then override its parts)."""
    if url := os.environ.get("MAIL_URL"):
        app.config.update(mail.settings_from_url(url))
    for name in ("MAIL_SERVER", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_FROM"):
        if value := os.environ.get(name):
            app.config[name] = value
    if port := os.environ.get("MAIL_PORT"):
        app.config["MAIL_PORT"] = int(port)
    if use_tls := os.environ.get("MAIL_USE_TLS"):
        app.config["MAIL_USE_TLS"] = use_tls.lower() in mail.TRUE_WORDS


def _instance_secret_key(app: Flask) -> str:
    """A development key kept in the instance folder, so sessions survive restarts."""
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.get_locale, timezone_selector=i18n.get_timezone)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    # Sign-ins are server-side sessions, revoked at sign-out and after inactivity, and no page
    # asks for a "fresh" sign-in: hashing the address and browser on every request buys nothing.
    login_manager.session_protection = None


def _register_blueprints(app: Flask) -> None:
    from course.accounts.account_views import bp as account_bp
    from course.accounts.views import bp as accounts_bp
    from course.api import review  # noqa: F401 (its routes, on the API's blueprint)
    from course.api.views import bp as api_bp
    from course.classes.grading_views import bp as grading_bp
    from course.classes.report_views import bp as reports_bp
    from course.classes.student_views import bp as enrollment_bp
    from course.classes.views import bp as classes_bp
    from course.health import bp as health_bp
    from course.lessons.views import bp as lessons_bp
    from course.progress.views import bp as progress_bp
    from course.quizzes.views import bp as quizzes_bp
    from course.spaced_review.views import bp as review_bp

    blueprints = (lessons_bp, quizzes_bp, progress_bp, accounts_bp, classes_bp, enrollment_bp)
    for bp in (*blueprints, account_bp, reports_bp, grading_bp, review_bp):
        app.register_blueprint(bp, url_prefix="/<lang>")
    app.register_blueprint(health_bp)
    app.register_blueprint(api_bp, url_prefix="/api/v1")
