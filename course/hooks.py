"""Hooks: how a lower package lets higher ones take part without importing them.

A package names its hook (a string) and calls what is registered under it; a higher package
registers its function in its `init_app`. The order of registration is the order of calling.
"""

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

HOOKS = "course_hooks"  # the key in app.extensions


def add_hook(app: Flask, name: str, hook: Callable[..., Any]) -> None:
    app.extensions.setdefault(HOOKS, {}).setdefault(name, []).append(hook)


def hooks(name: str) -> list[Callable[..., Any]]:
    """What the current app registered under `name`, in the order it was registered."""
    return current_app.extensions.get(HOOKS, {}).get(name, [])
