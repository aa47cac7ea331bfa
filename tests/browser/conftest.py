"""Browser tests: Playwright drives Debian's Chromium against a live server of the app."""

import os
import re
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from werkzeug.serving import make_server

from course.accounts.users import create_user
from course.extensions import db
from course.paths import PROJECT_ROOT
from course.quizzes.models import Attempt
from course.timeutil import utcnow
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


@contextmanager
def serving(app):
    """Serve the app on a free port; drop its tables afterwards."""
    with LiveServer(app) as server:
        yield server
    close_app(app)


@pytest.fixture
def live(tmp_path):
    """The app on the test content, with an instructor account, served on a free port."""
    app = make_app(tmp_path)
    with app.app_context():
        create_user("teacher@school.edu", "Cô Hạnh", "long password", role="instructor")
    with serving(app) as server:
        yield server


@pytest.fixture
def live_timed(tmp_path, timed_content):
    """The app on the test content whose quiz has a time limit."""
    with serving(make_app(tmp_path, content_dir=timed_content)) as server:
        yield server


@pytest.fixture
def timed_attempt(live_timed):
    """Start the timed quiz in a page, its deadline `seconds` from now by the server's clock."""

    def start(page, lang: str, seconds: float) -> int:
        page.goto(f"{live_timed.url}/{lang}/quizzes/demo-quiz")
        page.locator("form[action$='/attempts'] button").click()
        page.wait_for_url(re.compile(r"/attempts/\d+"))
        attempt_id = int(re.search(r"/attempts/(\d+)", page.url).group(1))
        with live_timed.app.app_context():
            db.session.execute(
                update(Attempt)
                .where(Attempt.id == attempt_id)
                .values(deadline_dt=utcnow() + timedelta(seconds=seconds))
            )
            db.session.commit()
        page.reload()
        return attempt_id

    return start


@pytest.fixture(scope="module")
def live_course(tmp_path_factory):
    """The app on the real course content."""
    app = make_app(tmp_path_factory.mktemp("course"), content_dir=PROJECT_ROOT)
    with serving(app) as server:
        yield server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def order_of(page, question: str) -> list[str]:
    """The item IDs of an ordering question, in the order shown."""
    return page.eval_on_selector_all(f"{question} li", "l => l.map(i => i.dataset.item)")


def put_in_order(page, question: str, order: list[str]) -> None:
    """Order an ordering question's items (IDs) with their "Move up" buttons (static/js/arrange.js).

    With JavaScript the items' drop-downs are hidden (arrange.js keeps them filled), so a browser
    test cannot `select_option` them: it orders the items with this, as a learner would.
    """
    for target, item in enumerate(order):
        button = page.locator(f"{question} li[data-item={item}] [data-move='-1']")
        while order_of(page, question).index(item) > target:
            button.click()


# The buttons on the way to a result, as a learner reads them in each language.
START = {"vi": "Bắt đầu làm bài", "ru": "Начать", "en": "Start the quiz"}
FINISH = {"vi": "Xem lại và nộp bài…", "ru": "Проверить и отправить…", "en": "Review and submit…"}
SUBMIT = {"vi": "Nộp bài", "ru": "Отправить ответы", "en": "Submit answers"}
SUBMIT_ANYWAY = {
    "vi": "Có, vẫn nộp bài",
    "ru": "Да, всё равно отправить",
    "en": "Yes, submit anyway",
}


def submit_from_summary(page, lang: str = "en") -> None:
    """Submit an attempt as a learner does: through the summary before submitting, confirming
    once more if some questions are unanswered; then wait for the result."""
    page.get_by_role("button", name=FINISH[lang]).click()
    page.get_by_role("button", name=SUBMIT[lang], exact=True).click()
    page.wait_for_selector(".score-card, .error-summary")
    confirm = page.get_by_role("button", name=SUBMIT_ANYWAY[lang])
    if confirm.count():
        confirm.click()
    page.wait_for_selector(".score-card")


def tab_to(page, selector, limit=150):
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with the keyboard")
