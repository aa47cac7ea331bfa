"""Pages that look the same to every visitor who has not signed in, rendered once per process.

Such a page (a lesson, the glossary) differs from one visitor to the next only by the CSRF
token in its forms, if it has any: it is rendered once, and each visitor's own token is put in.
A page may also leave places for small parts of its own (`personal_part("continue")` in the
template), each rendered for every request and put in the same way.
"""

from collections.abc import Callable, Mapping

from flask import Flask, current_app, g, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

PLACEHOLDER = "\x00csrf\x00"  # cannot occur in a rendered page
PART = "\x00part:{}\x00"


def personal_part(name: str) -> Markup:
    """Where the part `name` given to `render_page` goes."""
    return Markup(PART.format(name))  # noqa: S704 (a constant without markup)


def render_page(
    template: str,
    *,
    personal: bool = False,
    parts: Mapping[str, Callable[[], str]] | None = None,
    **context,
) -> str:
    """`render_template`, from the shared copy when this visitor sees what everyone sees.

    `personal` says that the page shows something of this visitor's own (their progress);
    `parts` render the places the template left for this visitor's own small parts.
    """
    page = _page(template, personal, context)
    for name, render in (parts or {}).items():
        page = page.replace(PART.format(name), render())
    return page


def _page(template: str, personal: bool, context: dict) -> str:
    if personal or current_user.is_authenticated or request.args or "_flashes" in session:
        return render_template(template, **context)
    pages: dict[str, str] = current_app.extensions.setdefault("shared_pages", {})
    page = pages.get(request.path)
    if page is None:
        page = render_template(template, **context)
        if token := g.get("csrf_token"):
            page = page.replace(token, PLACEHOLDER)
        pages[request.path] = page
    if PLACEHOLDER in page:
        page = page.replace(PLACEHOLDER, generate_csrf())
    return page


def init_app(app: Flask) -> None:
    app.add_template_global(personal_part)
