"""Browser tests: Playwright drives Debian's Chromium against a live server of the app."""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from course.accounts.users import create_user
from course.paths import PROJECT_ROOT
from tests.conftest import close_app, make_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    """Without Chromium the browser tests say so; in CI its absence is a failure, not a skip."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI needs Chromium for the browser tests: apt-get install chromium")
    reason = "Chromium is not installed (apt-get install chromium): browser tests not run"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(tmp_path):
    """The app on the test content, with an instructor account, served on a free port."""
    app = make_app(tmp_path)
    with app.app_context():
        create_user("teacher@school.edu", "Cô Hạnh", "long password", role="instructor")
    with LiveServer(app) as server:
        yield server
    close_app(app)


@pytest.fixture(scope="module")
def live_course(tmp_path_factory):
    """The app on the real course content."""
    app = make_app(tmp_path_factory.mktemp("course"), content_dir=PROJECT_ROOT)
    with LiveServer(app) as server:
        yield server
    close_app(app)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
