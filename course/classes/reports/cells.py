"""What report columns build their cells with: escaped HTML fragments, links, figures."""

from functools import cache
from typing import Any
from urllib.parse import quote

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from course.classes.reports.report import Column
from course.templating import number, percent

# Stand-ins for the values a link template leaves open: IDs that no real row has, digits that
# every URL converter accepts and that nothing else in a URL of this app spells.
_MARKER = 1_000_000_007


class Fragment:
    """A piece of HTML with named slots, every value escaped as it goes in.

    A report formats thousands of cells: `str.format` over escaped values costs about a
    microsecond, where `Markup.format` costs several and a template macro more again.
    """

    __slots__ = ("_template",)

    def __init__(self, template: str) -> None:
        self._template = template

    def with_links(self, **parts: "LinkTemplate | Fragment | str") -> "Fragment":
        """This fragment with slots replaced by links or fragments, whose own slots it takes:
        a cell is then one format, its IDs filled in as numbers that need no escaping."""
        template = self._template
        for name, part in parts.items():
            template = template.replace("{" + name + "}", str(getattr(part, "_template", part)))
        return Fragment(template)

    def __call__(self, **values: Any) -> Markup:
        # Markup and whole numbers go in as they are (most cells hold nothing else): markupsafe's
        # escape() would copy each into a new Markup. The result is made Markup the way str()
        # makes a str, skipping Markup's own constructor, which is written in Python.
        for value in values.values():
            if value.__class__ not in _SAFE:
                values = {k: v if v.__class__ in _SAFE else escape(v) for k, v in values.items()}
                break
        return str.__new__(Markup, self._template.format_map(values))


_SAFE = frozenset((Markup, int))


class LinkTemplate:
    """A URL of an endpoint built once by url_for, some of its values left open for each row.

    url_for for each of 5,000 cells costs tens of milliseconds; filling in a template, well under
    one. The open values are built with stand-in IDs that are then swapped for `{name}` slots.
    The result is safe in an attribute: the template is escaped once, and the values filled in
    are numbers or percent-encoded.
    """

    __slots__ = ("_template",)

    def __init__(self, endpoint: str, open_values: tuple[str, ...], **values: Any) -> None:
        markers = {name: _MARKER + i for i, name in enumerate(open_values)}
        url = str(escape(url_for(endpoint, **values, **markers)))
        url = url.replace("{", "{{").replace("}", "}}")
        for name, marker in markers.items():
            url = url.replace(str(marker), "{" + name + "}")
        self._template = url

    def __call__(self, **values: int | str) -> Markup:
        filled = {k: v if type(v) is int else quote(str(v), safe="") for k, v in values.items()}
        return Markup(self._template.format_map(filled))  # noqa: S704 - see the class


class Figures:
    """Percentages and numbers in the page's locale, each distinct one formatted once: a report
    shows hundreds or thousands of them, many alike, and formatting one costs microseconds."""

    def __init__(self) -> None:
        self._percents = cache(percent)
        self._numbers = cache(number)

    def percent(self, value: float | None, missing: str = "—") -> str:
        # rounded as percent() rounds: fewer distinct ones to format
        return missing if value is None else self._percents(round(value, 1))

    def number(self, value: float | None, missing: str = "—") -> str:
        return missing if value is None else self._numbers(round(value, 2))


STUDENT = Fragment('{name}<br><span class="meta">{email}</span>')


def student_column(footer: str = "") -> Column[Any]:
    """A report's first column: the student, by name (and email, which tells namesakes apart)."""
    return Column(
        key="name",
        label=_("Student"),
        value=lambda row: row,
        html=lambda row: STUDENT(name=row.name, email=row.email),
        csv_headers=(_("Student"), _("Email")),
        csv=lambda row: (row.name, row.email),
        sort=lambda row: row.name.casefold(),
        footer=footer,
        is_row_header=True,
    )
