"""Passwords: argon2id as OWASP ASVS 5.0 asks, and a refusal of the most common ones."""

from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash

# OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 degree of parallelism.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> tuple[bool, str | None]:
    """Whether the password matches, and a new hash when the stored one should be upgraded."""
    if not stored_hash.startswith("$argon2"):
        # An older (Werkzeug) hash: accept it once more, then store argon2id instead.
        matches = check_password_hash(stored_hash, password)
        return matches, hash_password(password) if matches else None
    try:
        HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False, None
    return True, hash_password(password) if HASHER.check_needs_rehash(stored_hash) else None


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common_password(password: str) -> bool:
    """Among the 30,000 most common passwords (zxcvbn's list), whatever the case."""
    return password.casefold() in _common_passwords()
