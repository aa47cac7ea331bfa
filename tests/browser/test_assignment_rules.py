"""The instructor sets an assignment's rules and review options in a real browser."""

import pytest

from tests.browser.test_accessibility import serious_violations
from tests.browser.test_instructor_path import sign_in

pytestmark = pytest.mark.browser


def test_instructor_chooses_review_options_grading_time_limit_and_closing(live, page):
    sign_in(page, live.url, "teacher@school.edu")
    page.goto(f"{live.url}/en/teaching")
    page.fill("#name", "Lớp 10A")
    page.get_by_role("button", name="Create the class").click()
    page.get_by_role("link", name="Assign a module or the final exam").click()
    assert page.input_value("#review_score") == "immediately"  # the defaults, stated
    assert page.input_value("#review_key") == "after_close"
    page.select_option("#target", "module:demo")
    page.fill("#opens", "2030-01-01T08:00")
    page.fill("#due", "2030-01-10T09:00")
    page.fill("#closes", "2030-01-12T18:30")
    page.fill("#time_limit_minutes", "45")
    page.select_option("#grading_method", "last")
    page.select_option("#review_correctness", "after_due")
    page.select_option("#review_explanations", "never")
    page.get_by_role("button", name="Create the assignment").click()

    table = page.locator("table.assignments").inner_text()
    assert "45 minutes" in table
    assert "last attempt" in table
    assert "Which answers were right or wrong: after the due date" in table
    assert "The explanations, with their sources: never" in table
    assert "2030" in table and "6:30" in table  # the closing date, in the teacher's zone
    assert not serious_violations(page)

    page.get_by_role("link", name="Edit Demo module").click()
    assert page.input_value("#closes") == "2030-01-12T18:30"
    assert page.input_value("#time_limit_minutes") == "45"
    assert page.input_value("#grading_method") == "last"
    assert page.input_value("#review_correctness") == "after_due"
    assert page.input_value("#review_explanations") == "never"
    assert not serious_violations(page)
