"""Everything the course holds about a user, as one JSON document they can download."""

from typing import Any

from course.accounts.models import User
from course.hooks import hooks
from course.timeutil import iso

# Hook: functions called with the user ID, each giving its package's part of the document.
ACCOUNT_DATA = "accounts.data"


def account_data(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "profile": {
            "name": user.name,
            "email": user.email,
            "role": user.role,
            "language": user.locale,
            "time_zone": user.timezone,
            "registered_at": iso(user.created_dt),
        }
    }
    for part in hooks(ACCOUNT_DATA):
        data.update(part(user.id))
    return data
