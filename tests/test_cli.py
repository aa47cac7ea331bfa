"""Command-line set-up: database migrations and accounts."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from course import create_app
from course.accounts.users import authenticate
from course.extensions import db
from tests.conftest import FIXTURE_CONTENT


def test_users_create_makes_an_instructor(app, runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Teacher@School.edu",
            "--name",
            "Ms Hà",
            "--password",
            "a long password",
            "--role",
            "instructor",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created instructor teacher@school.edu" in result.output
    with app.app_context():
        assert authenticate("teacher@school.edu", "a long password").is_instructor


def test_users_create_refuses_a_duplicate(app, runner):
    args = ["users", "create", "--email", "a@b.org", "--name", "A", "--password", "long enough"]
    runner.invoke(args=args)
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert "already registered" in result.output


def test_migrations_build_the_same_schema_as_the_models(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "CONTENT_DIR": str(FIXTURE_CONTENT),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.sqlite'}",
        }
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert diff == []
