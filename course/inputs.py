"""What every request may carry: text that can be stored, and JSON of a sane shape.

Checked once, before any view runs, for the path, the query, the form and the JSON body:

- no NUL byte (PostgreSQL refuses them in text, so they would fail in the middle of a request);
- no text that cannot be encoded as UTF-8 (a lone surrogate, sent in JSON as "\\ud800", would be
  stored and then break every page that shows it);
- JSON nested at most `MAX_JSON_DEPTH` deep, and only finite numbers (1e309 reads as infinity).

Whether a value has the right type and size for its field is for the form or the API view that
reads it; a repeated form key counts once, the first one, wherever it is read.
"""

import math
import re
from collections.abc import Iterable
from typing import Any

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

MAX_JSON_DEPTH = 16
TOO_DEEP = f"the JSON body is nested more than {MAX_JSON_DEPTH} deep"
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL, and surrogates, which UTF-8 cannot encode


class UnacceptableInput(BadRequest):
    """A request carrying what no field accepts; `description` says what, for API clients."""

    @property
    def page_message(self) -> str:
        return _(
            "What you sent contains characters that this site cannot accept, such as a NUL "
            "character or broken Unicode text. Remove them and try again."
        )


def init_app(app: Flask) -> None:
    app.before_request(check_request)


def check_request() -> None:
    """Refuse the request (400) if anything it carries cannot be stored or read safely."""
    _check_texts([request.path], "the path")
    _check_multidict(request.args, "the query")
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        _check_multidict(request.form, "the form")
    if request.is_json and request.get_data(cache=True):
        check_json(_parsed_json())


def check_json(value: Any, depth: int = 1) -> None:
    """Refuse (400) JSON nested too deeply, or with a number that is not finite or unstorable
    text."""
    if depth > MAX_JSON_DEPTH:
        raise BadRequest(TOO_DEEP)
    if isinstance(value, dict):
        _check_texts(value, "the JSON body")
        for item in value.values():
            check_json(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            check_json(item, depth + 1)
    elif isinstance(value, str):
        _check_texts([value], "the JSON body")
    elif isinstance(value, float) and not math.isfinite(value):
        raise BadRequest("numbers in the JSON body must be finite")


def _parsed_json() -> Any:
    try:
        return request.get_json()
    except RecursionError:  # nested thousands deep: too deep for the parser itself
        raise BadRequest(TOO_DEEP) from None
    except BadRequest:
        raise BadRequest("the body is not valid JSON") from None


def _check_multidict(values: MultiDict, where: str) -> None:
    for key, items in values.lists():
        _check_texts([key, *items], where)


def _check_texts(texts: Iterable[str], where: str) -> None:
    for text in texts:
        if isinstance(text, str) and UNSTORABLE.search(text):
            raise UnacceptableInput(
                f"{where} contains a NUL character or text that is not valid Unicode"
            )
