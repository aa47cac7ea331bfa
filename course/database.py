"""Engine settings: SQLite in WAL mode with a busy timeout, and write locks only where needed.

On SQLite, a request that changes something (POST and the like) takes the write lock when its
transaction begins, so that concurrent writers queue on the busy timeout instead of failing
when one of them would have to upgrade a read lock. A page that only reads (GET) begins an
ordinary transaction and never waits for writers. When such a page does have to write (a
session's last activity, a language preference), it calls `prepare_to_write()` first; a write
without it is refused on every database, so that the tests find a forgotten call.

A busy view that reads much before it writes (an answer save) is marked `@reads_first`: it
begins like a page that only reads, and its writes call `prepare_to_write()`, so that it holds
the write lock for its writes alone.
"""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, before_render_template, current_app, g, has_request_context, request
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import InterfaceError, OperationalError

from course.extensions import db

SQLITE_BUSY_TIMEOUT_MS = 15_000
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_LOCK = "write_lock"  # in Connection.info: did this transaction begin with the lock?
READ_STATEMENTS = (
    "SELECT",
    "WITH",
    "PRAGMA",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "RELEASE",
)
View = TypeVar("View", bound=Callable)


class WriteInReadTransaction(RuntimeError):
    """A page that only reads tried to write without calling prepare_to_write() first."""


def database_unreachable(error: BaseException) -> bool:
    """Did this fail because the database cannot be reached, not because of what was asked?

    Connecting failed (no statement was sent) or the connection was lost on the way. A wrong
    statement, a missing table or a lock that was not released are other failures.
    """
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    return error.statement is None or error.connection_invalidated


def init_app(app: Flask) -> None:
    # Creating the engine does not connect: the app starts while the database is down.
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    _guard_reading_transactions(engine)
    before_render_template.connect(_end_transaction_before_rendering, app)


def prepare_to_write() -> None:
    """End this page's read transaction, so that the next one begins with the write lock.

    Only SQLite locks the whole database, and only at a transaction's start: PostgreSQL locks
    the rows written, and in its default isolation each statement reads what is committed, so
    there the transaction goes on, allowed to write (ending it would cost two round trips).
    """
    if has_request_context():
        g.writes = True
    session = db.session()
    if not session.in_transaction():
        return
    connection = session.connection()
    if connection.info.get(WRITE_LOCK, True):
        return
    if connection.dialect.name == "sqlite":
        session.commit()
    else:
        connection.info[WRITE_LOCK] = True


def reads_first(view: View) -> View:
    """Mark a writing view whose writes all go through functions that call prepare_to_write()."""
    view.reads_first = True
    return view


def _end_transaction_before_rendering(_app: Flask, **_extra) -> None:
    """Rendering needs no lock: end the transaction first, so others need not wait for it."""
    db.session.commit()


def _takes_write_lock() -> bool:
    if not has_request_context():
        return True  # commands, scripts and tests: the safe choice
    if g.get("writes", False):
        return True
    if request.method in READING_METHODS:
        return False
    view = current_app.view_functions.get(request.endpoint or "")
    return not getattr(view, "reads_first", False)


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
    def on_begin(connection: Connection) -> None:
        # A transaction that began without the write lock and then writes would have to
        # upgrade its lock, which SQLite refuses at once ("database is locked") when another
        # writer committed in between: the busy timeout does not help there.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _takes_write_lock() else "BEGIN")


def _guard_reading_transactions(engine: Engine) -> None:
    """Refuse a write in a transaction that began for reading, on every database alike."""

    @event.listens_for(engine, "begin")
    def remember_mode(connection: Connection) -> None:
        connection.info[WRITE_LOCK] = _takes_write_lock()

    @event.listens_for(engine, "before_cursor_execute")
    def refuse_writes_without_lock(connection: Connection, _cursor, statement: str, *_args) -> None:
        if connection.info.get(WRITE_LOCK, True):
            return
        if not statement.lstrip().upper().startswith(READ_STATEMENTS):
            raise WriteInReadTransaction(
                "This page began a read-only transaction; call prepare_to_write() before "
                f"writing: {statement[:80]}"
            )
