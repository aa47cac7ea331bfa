"""Every page type on a 360×740 phone, in each language: nothing scrolls sideways, and the
main menu folds behind a button that works by mouse, keyboard and without JavaScript."""

import pytest

from course.accounts.models import User
from course.classes.rosters import create_class
from course.extensions import db
from course.languages import COURSE_CODES
from course.learners.current import learner_for_user
from course.quizzes.attempts import save_answers, start_attempt
from course.quizzes.rules import practice_rules
from tests.factories import add_assignment, add_student, graded_attempt, stored

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
MENU = {"vi": "Menu", "ru": "Меню", "en": "Menu"}


@pytest.fixture
def course_data(live):
    """A class of two students with an assignment, attempts submitted and one left open."""
    app = live.app
    with app.app_context():
        teacher = db.session.scalar(db.select(User).where(User.role == "instructor"))
        class_id = create_class(teacher, "Lớp 10A — Ngoại giao số", "Học kỳ 1", "vi").id
    student = add_student(app, class_id, 1, lang="vi")
    other = add_student(app, class_id, 2, lang="ru")
    assignment_id = add_assignment(app, class_id)
    result_id = graded_attempt(app, student, assignment_id, {"q-single": "public"})
    graded_attempt(app, other, assignment_id, {"q-single": "economic"})
    with app.app_context():
        catalog = app.extensions["catalog"]
        quiz = catalog.quizzes["demo-quiz"]
        learner = learner_for_user(student)
        attempt = start_attempt(learner.id, quiz, catalog, practice_rules(quiz))
        save_answers(attempt, catalog, stored({"q-single": "public"}))
        open_id = attempt.id
    return {"class": class_id, "result": result_id, "open": open_id}


def sign_in(page, url, email):
    page.goto(f"{url}/en/login")
    page.fill("#email", email)
    page.fill("#password", "long password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda u: "/login" not in u)


def too_wide(page, url) -> int | None:
    """The document's width if it is wider than the viewport (it scrolls sideways), else None."""
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    return width if width > page.evaluate("window.innerWidth") else None


def widths(page, base, paths):
    return {path: w for path in paths if (w := too_wide(page, f"{base}{path}")) is not None}


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_no_page_scrolls_sideways_on_a_phone(live, browser, course_data, lang):
    c, base = course_data, f"{live.url}/{lang}"
    reading = ["/", "/modules/demo", "/lessons/first-lesson", "/glossary", "/timeline", "/sources"]
    visitor = browser.new_context(viewport=PHONE).new_page()
    wide = widths(visitor, base, [*reading, "/login", "/register"])

    student = browser.new_context(viewport=PHONE).new_page()
    sign_in(student, live.url, "s1@school.edu")
    learner_pages = ["/quizzes/demo-quiz", f"/attempts/{c['open']}", f"/attempts/{c['result']}"]
    learner_pages += ["/progress", "/account", "/assignments", "/classes"]
    wide |= {
        f"student {p}": w for p, w in widths(student, base, [*reading, *learner_pages]).items()
    }

    teacher = browser.new_context(viewport=PHONE).new_page()
    sign_in(teacher, live.url, "teacher@school.edu")
    klass = f"/teaching/classes/{c['class']}"
    teaching = ["/teaching", klass, f"{klass}/gradebook", f"{klass}/quizzes/demo-quiz/analysis"]
    teaching += [f"{klass}/lessons"]
    wide |= {f"instructor {p}": w for p, w in widths(teacher, base, teaching).items()}
    assert wide == {}, f"wider than 360 px in {lang}: {wide}"


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_the_menu_folds_behind_a_button_on_a_phone(live, browser, lang):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live.url}/{lang}/")
    button = page.get_by_role("button", name=MENU[lang])
    glossary = page.locator(".main-nav a[href$='/glossary']")
    assert button.get_attribute("aria-expanded") == "false"
    assert not glossary.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert glossary.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    button.click()
    assert not glossary.is_visible()


def test_the_menu_opens_and_closes_by_keyboard(live, browser):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live.url}/en/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the course's name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "menu-button"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Course"
    page.keyboard.press("Escape")
    button = page.get_by_role("button", name="Menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.className") == "menu-button"


def test_without_javascript_the_menu_is_shown_unfolded(live, browser):
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{live.url}/en/")
    assert page.locator(".main-nav a[href$='/glossary']").is_visible()
    assert not page.locator(".menu-button").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_on_a_desktop_the_menu_is_one_row_of_links(live, browser, course_data, lang):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live.url, "s1@school.edu")  # a student in a class: the longest menu
    page.goto(f"{live.url}/{lang}/")
    assert not page.locator(".menu-button").is_visible()
    first = page.locator(".main-nav a").first.bounding_box()
    sign_out = page.locator(".sign-out").bounding_box()
    assert sign_out["height"] < 2 * first["height"]  # "Sign out (name)" on one line
    assert abs(sign_out["y"] - first["y"]) < first["height"]  # and on the menu's line
