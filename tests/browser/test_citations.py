"""A citation opens, in place, the digest of each paragraph it cites, by mouse, keyboard and touch."""

import pytest

from course.content.access import get_catalog
from course.languages import COURSE_CODES
from tests.browser import test_accessibility
from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser

LESSON = "/{lang}/lessons/first-lesson"
RANGE = ".cite a[href$='#ru-26']"
axe_page = test_accessibility.axe_page


def digest_of_ru(live, number: int, lang: str) -> str:
    """The digest the content gives for the Russian article's paragraph, in `lang`."""
    with live.app.app_context():
        return get_catalog().sources["ru"].digests[number][lang]


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_a_citation_opens_the_digest_of_each_paragraph_of_its_range(live, page, lang, tmp_path):
    page.goto(live.url + LESSON.format(lang=lang))
    link = page.locator(RANGE).first
    link.click()
    popover = page.locator(".cite-popover")
    assert digest_of_ru(live, 26, lang) in popover.inner_text()
    assert digest_of_ru(live, 27, lang) in popover.inner_text()
    assert link.get_attribute("aria-expanded") == "true"
    assert link.get_attribute("aria-controls") == popover.get_attribute("id")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=tmp_path / f"popover-{lang}-1280.png")


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_a_citation_opens_by_keyboard_and_escape_returns_focus(live, page, lang):
    page.goto(live.url + LESSON.format(lang=lang))
    link = page.locator(RANGE).first
    link.focus()
    page.keyboard.press("Enter")
    popover = page.locator(".cite-popover")
    assert digest_of_ru(live, 26, lang) in popover.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('cite-popover')")
    page.keyboard.press("Escape")
    assert popover.count() == 0
    assert link.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.dataset.cite") == "ru"
    page.keyboard.press(" ")
    assert digest_of_ru(live, 26, lang) in page.locator(".cite-popover").inner_text()


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_a_popover_fits_a_phone(live, browser, lang, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    page.goto(live.url + LESSON.format(lang=lang))
    page.locator(RANGE).first.tap()
    popover = page.locator(".cite-popover")
    assert digest_of_ru(live, 27, lang) in popover.inner_text()
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    popover.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / f"popover-{lang}-360.png")
    context.close()


def test_no_serious_accessibility_violation_with_a_popover_open(live, axe_page):
    axe_page.goto(live.url + LESSON.format(lang="vi"))
    axe_page.locator(RANGE).first.click()
    axe_page.locator(".cite-popover").wait_for()
    assert not serious_violations(axe_page)


def test_a_timeline_citation_opens_its_digest(live, page):
    page.goto(live.url + "/en/timeline")
    page.locator("a[data-cite]").first.click()
    assert "¶" in page.locator(".cite-popover").inner_text()
