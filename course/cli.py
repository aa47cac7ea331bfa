"""Command line: `flask --app course content check`, `users create`, `attempts regrade`,
`init-db`, `translate init|update|compile`."""

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from course.accounts.models import ROLES
from course.accounts.users import AccountError, create_user
from course.content.access import get_catalog
from course.content.loader import load_catalog
from course.content.problems import ContentError
from course.extensions import db
from course.languages import COURSE_CODES, codes_from_environment, language
from course.paths import PROJECT_ROOT
from course.quizzes.regrade import UnknownContent, regrade

content_cli = AppGroup("content", help="Check the course content.")
users_cli = AppGroup("users", help="Manage accounts.")
translate_cli = AppGroup("translate", help="Extract, update and compile the UI catalogs.")
attempts_cli = AppGroup("attempts", help="Submitted attempts.")


# Without the app, which refuses to start on the invalid content this command is there to report.
@content_cli.command("check", with_appcontext=False)
def content_check() -> None:
    """Validate every lesson, quiz and question in each language (COURSE_LANGUAGES, if set); list
    each problem with file and line."""
    root = Path(os.environ.get("COURSE_CONTENT_DIR", PROJECT_ROOT))
    try:
        catalog = load_catalog(root, languages=codes_from_environment() or COURSE_CODES)
    except ContentError as exc:
        click.echo(exc.summary(), err=True)
        sys.exit(1)
    click.echo(
        f"Content OK: {len(catalog.modules)} modules, {len(catalog.lessons)} lessons, "
        f"{len(catalog.quizzes)} quizzes, {len(catalog.questions)} questions, "
        f"{len(catalog.glossary)} glossary terms, {len(catalog.timeline)} timeline events."
    )


@users_cli.command("create")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--role", type=click.Choice(ROLES), default="student", show_default=True)
def users_create(email: str, name: str, password: str, role: str) -> None:
    """Create an account (instructors are created here)."""
    try:
        user = create_user(email, name, password, role=role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {user.role} {user.email}.")


@attempts_cli.command("regrade")
@click.option("--quiz", "quiz_id", help="Only the attempts at this quiz.")
@click.option(
    "--question", "question_ids", multiple=True, help="Only attempts with this question (repeat)."
)
def attempts_regrade(quiz_id: str | None, question_ids: tuple[str, ...]) -> None:
    """Score submitted attempts again with the current keys, after a key was corrected."""
    try:
        record = regrade(get_catalog(), quiz_id, question_ids)
    except UnknownContent as exc:
        raise click.ClickException(str(exc)) from exc
    rescored = record.attempts_rescored
    plural = "attempt" if rescored == 1 else "attempts"
    click.echo(f"{rescored} {plural} rescored, {record.attempts_changed} changed.")


@click.command("init-db")
def init_db() -> None:
    """Create the database tables that do not exist yet."""
    db.create_all()
    click.echo("Database ready.")


def _pybabel(*args: str) -> None:
    """pybabel, from the project's root (babel.cfg names its paths from there)."""
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    subprocess.run(command, check=True, cwd=PROJECT_ROOT)  # noqa: S603


def _translations() -> Path:
    """The folder of the catalogs: the first of the app's BABEL_TRANSLATION_DIRECTORIES."""
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0])


@contextmanager
def _extracted() -> Iterator[str]:
    """The interface strings, extracted into a template that is removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        template = str(Path(folder) / "messages.pot")
        _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-c", "i18n:", "-o", template, ".")
        yield template


@translate_cli.command("init")
@click.argument("lang")
def translate_init(lang: str) -> None:
    """Start the catalog of a new language (see docs/adding-a-language.md)."""
    try:
        language(lang)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="LANG") from exc
    if (_translations() / lang).exists():
        raise click.BadParameter(f"{lang} has a catalog already: run `translate update`")
    with _extracted() as template:
        _pybabel("init", "-i", template, "-d", str(_translations()), "-l", lang)


@translate_cli.command("update")
def translate_update() -> None:
    """Extract the interface strings and merge them into every catalog."""
    with _extracted() as template:
        _pybabel("update", "-i", template, "-d", str(_translations()), "--ignore-obsolete")


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the catalogs the app loads."""
    _pybabel("compile", "-d", str(_translations()))


def init_app(app: Flask) -> None:
    for command in (users_cli, translate_cli, attempts_cli, init_db):
        app.cli.add_command(command)
