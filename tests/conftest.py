"""Fixtures in the flaskr style: app, client, runner, auth, and content helpers."""

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from course import create_app
from course.accounts.models import User
from course.accounts.users import create_user
from course.classes.rosters import create_class
from course.extensions import db
from course.languages import COURSE_CODES, DEFAULT_LANGUAGE
from tests import mailbox as mailbox_module

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
LANGS = COURSE_CODES  # parametrizes every language-dependent test
# The interface is written in English: every other language has a catalog in translations/.
CATALOG_LANGS = tuple(code for code in LANGS if code != DEFAULT_LANGUAGE)

# Speed is measured by `make bench`; on a shared machine a per-example deadline only flakes.
settings.register_profile("course", deadline=None)
settings.load_profile("course")


def database_url(tmp_path: Path) -> str:
    """PostgreSQL when TEST_DATABASE_URL says so, else a fresh SQLite file."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite'}"


def make_app(tmp_path: Path, content_dir: Path = FIXTURE_CONTENT, **config):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
            "CONTENT_DIR": str(content_dir),
            "REVIEW_FUZZING": False,  # exact intervals
            **config,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def close_app(app) -> None:
    """Drop the test tables and close every connection (PostgreSQL warns about open ones)."""
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    yield app
    close_app(app)


@pytest.fixture
def mailbox():
    """An SMTP server on a free port of 127.0.0.1; use it with the `mail_app` fixture."""
    box = mailbox_module.Mailbox()
    controller = mailbox_module.start(box)
    yield box
    controller.stop()


@pytest.fixture
def mail_app(tmp_path, mailbox):
    """The app sending its email to `mailbox`."""
    app = make_app(tmp_path, MAIL_SERVER="127.0.0.1", MAIL_PORT=mailbox.port)
    yield app
    close_app(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the fixture content, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def timed_content(content_copy):
    """The fixture content with a time limit of 10 minutes on its quiz."""
    quiz = content_copy / "quizzes" / "demo-quiz.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "pass_mark: 60", "pass_mark: 60\ntime_limit_minutes: 10"
        ),
        encoding="utf-8",
    )
    return content_copy


@pytest.fixture
def timed_app(tmp_path, timed_content):
    app = make_app(tmp_path, content_dir=timed_content)
    yield app
    close_app(app)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "page has no CSRF token"
    return match.group(1)


class AuthActions:
    def __init__(self, client):
        self.client = client

    def register(self, email="learner@example.org", password="correct horse", lang="en"):
        page = self.client.get(f"/{lang}/register").get_data(as_text=True)
        return self.client.post(
            f"/{lang}/register",
            data={
                "name": "Lan Nguyễn",
                "email": email,
                "password": password,
                "confirm": password,
                "csrf_token": csrf_token(page),
            },
        )

    def login(self, email="learner@example.org", password="correct horse", lang="en"):
        page = self.client.get(f"/{lang}/login").get_data(as_text=True)
        return self.client.post(
            f"/{lang}/login",
            data={"email": email, "password": password, "csrf_token": csrf_token(page)},
        )

    def logout(self, lang="en"):
        page = self.client.get(f"/{lang}/").get_data(as_text=True)
        return self.client.post(f"/{lang}/logout", data={"csrf_token": csrf_token(page)})


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def user(app):
    with app.app_context():
        created = create_user("learner@example.org", "Lan Nguyễn", "correct horse")
        return created.id


@pytest.fixture
def teacher(app):
    with app.app_context():
        user = create_user(
            "teacher@school.edu",
            "Cô Hạnh",
            "long password",
            role="instructor",
            timezone="Asia/Ho_Chi_Minh",
        )
        return user.id


@pytest.fixture
def klass(app, teacher):
    with app.app_context():
        instructor = db.session.get(User, teacher)
        return create_class(instructor, "Lớp 10A", "Digital diplomacy, term 1", "vi").id
