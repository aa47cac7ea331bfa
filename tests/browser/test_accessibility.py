"""axe-core finds no serious or critical violation on any page type, in any language."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from course.languages import COURSE_CODES

pytestmark = pytest.mark.browser

LANGS = COURSE_CODES
AXE = Axe()
PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/modules/demo",
    "/{lang}/lessons/first-lesson",
    "/{lang}/glossary",
    "/{lang}/timeline",
    "/{lang}/sources",
    "/{lang}/progress",
    "/{lang}/quizzes/demo-quiz",
    "/{lang}/register",
    "/{lang}/login",
    "/{lang}/forgot-password",
    "/{lang}/no-such-page",
]


def serious_violations(page) -> list[str]:
    results = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check(page, url):
    page.goto(url)
    found = serious_violations(page)
    assert not found, f"{url}\n" + "\n".join(found)


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_public_pages(live, axe_page, lang):
    for path in PUBLIC_PAGES:
        check(axe_page, live.url + path.format(lang=lang))


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_attempt_and_result_pages(live, axe_page, lang):
    check(axe_page, f"{live.url}/{lang}/quizzes/demo-quiz")
    axe_page.locator("form[action$='/attempts'] button").click()
    axe_page.wait_for_url(re.compile(r"/attempts/\d+"))
    assert not serious_violations(axe_page)
    axe_page.locator("button[name=flag]").first.click()
    axe_page.locator("button[value=finish]").click()
    axe_page.wait_for_url(re.compile(r"/summary"))
    assert not serious_violations(axe_page)
    axe_page.locator("form[action$='/submit'] button[type=submit]").click()
    axe_page.wait_for_selector("input[name=confirm]", state="attached")  # nothing answered
    assert not serious_violations(axe_page)
    axe_page.locator("form[action$='/submit'] button[type=submit]").click()
    axe_page.wait_for_selector(".score-card")
    assert not serious_violations(axe_page)


@pytest.mark.parametrize("lang", LANGS)
def test_attempt_page_with_the_countdown_and_its_warning(timed_attempt, axe_page, lang):
    timed_attempt(axe_page, lang, 59)
    axe_page.wait_for_selector(".countdown-warning", state="visible")
    assert not serious_violations(axe_page)


@pytest.mark.parametrize("lang", LANGS)
def test_instructor_pages(live, axe_page, lang):
    axe_page.goto(f"{live.url}/{lang}/login")
    axe_page.fill("#email", "teacher@school.edu")
    axe_page.fill("#password", "long password")
    axe_page.locator("form button[type=submit]").click()
    check(axe_page, f"{live.url}/{lang}/teaching")
    axe_page.fill("#name", "Lớp 10A")
    axe_page.locator("form button[type=submit]").last.click()
    axe_page.wait_for_url(re.compile(r"/teaching/classes/\d+"))
    class_url = axe_page.url
    assert not serious_violations(axe_page)
    for suffix in (
        "/assignments/new",
        "/gradebook",
        "/quizzes/demo-quiz/analysis",
        "/lessons",
        "/questions/q-single",
    ):
        check(axe_page, class_url + suffix)
    check(axe_page, f"{live.url}/{lang}/account")


def test_real_course_lessons(live_course, axe_page):
    for lang in LANGS:
        for lesson in ("what-is-digital-diplomacy", "platforms-and-audiences"):
            check(axe_page, f"{live_course.url}/{lang}/lessons/{lesson}")
