"""`/favicon.ico`: what browsers and other clients ask for at the root, the page's icon."""

from flask import Flask, current_app, send_from_directory

ONE_WEEK = 7 * 24 * 3600


def favicon():
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/x-icon", max_age=ONE_WEEK
    )


def init_app(app: Flask) -> None:
    app.add_url_rule("/favicon.ico", "favicon", favicon)
