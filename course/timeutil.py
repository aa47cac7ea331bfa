"""Times are stored in UTC (naive); people enter and read them in their own time zone."""

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def iso(value: datetime | None) -> str | None:
    """A stored UTC time in ISO 8601, as the API and the data download give it."""
    return value.isoformat() + "Z" if value else None


@lru_cache(maxsize=256)  # names come from cookies and forms: look each up once
def is_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return False
    return True


def local_to_utc(local: datetime, timezone: str) -> datetime:
    """A wall-clock time in `timezone` as naive UTC."""
    return local.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC).replace(tzinfo=None)


def utc_to_local(moment: datetime, timezone: str) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def timezone_names() -> list[str]:
    return sorted(name for name in available_timezones() if "/" in name or name == "UTC")
