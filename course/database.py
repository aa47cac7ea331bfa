"""Engine settings: SQLite in WAL mode with a busy timeout and up-front write locks."""

from flask import Flask, before_render_template
from sqlalchemy import Engine, event

from course.extensions import db

SQLITE_BUSY_TIMEOUT_MS = 15_000


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    before_render_template.connect(_end_transaction_before_rendering, app)


def _end_transaction_before_rendering(_app: Flask, **_extra) -> None:
    """Rendering needs no lock: end the transaction first, so others need not wait for it."""
    db.session.commit()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" below decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        # Taking the write lock up front means a transaction never has to upgrade a read lock,
        # which SQLite refuses at once ("database is locked") when another writer got there
        # first; with the lock taken at BEGIN, concurrent writers queue on the busy timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
