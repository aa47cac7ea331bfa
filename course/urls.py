"""URL converters."""

from werkzeug.routing import IntegerConverter


class IdConverter(IntegerConverter):
    """A database ID: a positive integer that fits the INTEGER columns of SQLite and PostgreSQL;
    anything larger is simply not found, instead of failing in the database."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 - Werkzeug's signature
        super().__init__(map, min=1, max=2**31 - 1)
