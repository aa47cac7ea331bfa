"""Pages that look the same to every visitor who has not signed in, rendered once per process.

Such a page (a lesson, the glossary) differs from one visitor to the next only by the CSRF
token in its forms, if it has any: it is rendered once, and each visitor's own token is put in.
"""

from flask import current_app, g, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

PLACEHOLDER = "\x00csrf\x00"  # cannot occur in a rendered page


def render_page(template: str, *, personal: bool = False, **context) -> str:
    """`render_template`, from the shared copy when this visitor sees what everyone sees.

    `personal` says that the page shows something of this visitor's own (their progress).
    """
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
