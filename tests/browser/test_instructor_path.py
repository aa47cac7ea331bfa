"""An instructor's path in a real browser: class, join code, assignment, gradebook, analysis."""

import re

import pytest

from tests.browser.conftest import submit_from_summary

pytestmark = pytest.mark.browser


def sign_in(page, url, email, password="long password"):
    page.goto(f"{url}/en/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.locator("form button[type=submit]").click()


def register(page, url, name, email):
    page.goto(f"{url}/en/register")
    page.fill("#name", name)
    page.fill("#email", email)
    page.fill("#password", "long password")
    page.fill("#confirm", "long password")
    page.locator("form button[type=submit]").click()


def test_class_assignment_gradebook_and_analysis(live, browser):
    teacher = browser.new_context().new_page()
    sign_in(teacher, live.url, "teacher@school.edu")
    teacher.goto(f"{live.url}/en/teaching")
    teacher.fill("#name", "Lớp 10A")
    teacher.get_by_role("button", name="Create the class").click()
    code = teacher.inner_text(".join-code")
    teacher.get_by_role("link", name="Assign a module or the final exam").click()
    teacher.select_option("#target", "module:demo")
    teacher.fill("#opens", "2020-01-01T08:00")
    teacher.fill("#due", "2099-01-01T08:00")
    teacher.fill("#max_attempts", "2")
    teacher.get_by_role("button", name="Create the assignment").click()
    assert "Demo module" in teacher.inner_text("table")

    student = browser.new_context().new_page()
    register(student, live.url, "Иван Петров", "ivan@school.edu")
    student.goto(f"{live.url}/ru/classes")
    student.fill("#code", code)
    student.locator("form button[type=submit]").last.click()
    student.wait_for_url(re.compile(r"/ru/assignments"))
    student.get_by_role("button", name="Пройти тест на оценку").click()
    student.check("input[value=public]")
    submit_from_summary(student, "ru")

    teacher.get_by_role("link", name="Gradebook").click()
    row = teacher.locator("tr", has_text="Иван Петров")
    assert "14.3%" in row.inner_text()
    teacher.locator("tr", has_text="Иван Петров").get_by_role("link", name="14.3%").click()
    assert "Explanation single EN" in teacher.text_content("main")  # folded: it was right
    teacher.go_back()
    teacher.go_back()
    teacher.get_by_role("link", name="Analysis").click()
    assert "1 attempt analysed." in teacher.inner_text("main")
