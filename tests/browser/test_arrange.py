"""Ordering and matching questions in a real browser: items reordered by keyboard and by drag,
the order saved as it changes, and one layout for the matching drop-downs on every screen."""

import re

import pytest
from playwright.sync_api import expect

from course.languages import COURSE_CODES
from tests.browser.conftest import START, submit_from_summary

pytestmark = pytest.mark.browser

MOVE_UP = {"vi": "Chuyển lên: {}", "ru": "Переместить выше: {}", "en": "Move up: {}"}
MOVED = {
    "vi": "{}: đã chuyển đến vị trí {} trong số 3.",
    "ru": "{}: теперь на месте {} из 3.",
    "en": "{}: moved to position {} of 3.",
}
KEEP = {"vi": "Giữ thứ tự này", "ru": "Оставить этот порядок", "en": "Keep this order"}
ITEMS = {
    "statecraft": {"en": "21st Century Statecraft", "vi": "21st Century Statecraft",
                   "ru": "21st Century Statecraft"},
    "singapore": {"en": "Singapore meeting", "vi": "Hội nghị Xin-ga-po", "ru": "Встреча в Сингапуре"},
    "indonesia": {"en": "Indonesia conference", "vi": "Hội nghị In-đô-nê-xi-a",
                  "ru": "Конференция в Индонезии"},
}  # fmt: skip
ORDERING = "#q-q-ordering"


def start(page, live, lang="en"):
    page.goto(f"{live.url}/{lang}/quizzes/demo-quiz")
    page.get_by_role("button", name=START[lang]).click()
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    page.wait_for_selector(f"{ORDERING} .is-arranged")


def order_shown(page) -> list[str]:
    return page.eval_on_selector_all(f"{ORDERING} li", "items => items.map(i => i.dataset.item)")


def positions(page) -> dict[str, str]:
    """What the form would post: the (hidden) drop-down of each item."""
    return page.eval_on_selector_all(
        f"{ORDERING} select",
        "ss => Object.fromEntries(ss.map(s => [s.id.split('-').pop(), s.value]))",
    )


def saved(page):
    """Wait for the autosave's request (the page's form post, or one answer put to the API)."""
    return page.expect_response(
        lambda r: r.request.method in ("POST", "PUT") and "/attempts/" in r.url and r.ok
    )


def arrange_by_keyboard(page, order, lang="en"):
    """Put the items in `order` with their "Move up" buttons, by the keyboard alone."""
    for target, item in enumerate(order):
        button = page.get_by_role("button", name=MOVE_UP[lang].format(ITEMS[item][lang]))
        button.focus()
        while order_shown(page).index(item) > target:
            page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_items_are_moved_by_keyboard_and_the_order_is_saved(live, page, lang):
    start(page, live, lang)
    assert set(positions(page).values()) == {""}  # nothing is answered before a move
    last = order_shown(page)[-1]
    button = page.get_by_role("button", name=MOVE_UP[lang].format(ITEMS[last][lang]))
    button.focus()
    with saved(page):
        page.keyboard.press("Enter")
    assert order_shown(page)[1] == last
    assert page.evaluate("document.activeElement.dataset.move") == "-1"  # the focus stayed
    focused = page.evaluate("document.activeElement.closest('li').dataset.item")
    assert focused == last
    status = page.locator(f"{ORDERING} [data-arrange-status]")
    assert status.inner_text() == MOVED[lang].format(ITEMS[last][lang], 2)
    shown = order_shown(page)
    assert positions(page) == {item: str(n) for n, item in enumerate(shown, 1)}
    page.reload()
    page.wait_for_selector(f"{ORDERING} .is-arranged")
    assert order_shown(page) == shown


def test_the_order_is_put_right_by_keyboard_and_scores_full_marks(live, page):
    start(page, live)
    with saved(page):
        arrange_by_keyboard(page, ["statecraft", "singapore", "indonesia"])
    assert positions(page) == {"statecraft": "1", "singapore": "2", "indonesia": "3"}
    submit_from_summary(page)
    card = page.locator(ORDERING)
    assert "Correct" in card.locator(".badge").inner_text()


def drag(page, item, onto):
    """Drag `item` by its handle with the mouse, dropping it just above the item `onto`."""
    page.locator(ORDERING).scroll_into_view_if_needed()
    handle = page.locator(f"{ORDERING} li[data-item={item}] .drag-handle").bounding_box()
    target = page.locator(f"{ORDERING} li[data-item={onto}]").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    for step in range(1, 6):  # a few moves, as a hand would make
        y = handle["y"] + (target["y"] + 2 - handle["y"]) * step / 5
        page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.up()


def test_an_item_is_dragged_into_place_and_the_order_is_saved(live, page):
    start(page, live)
    first, _second, last = order_shown(page)
    with saved(page):
        drag(page, last, onto=first)
    shown = order_shown(page)
    assert shown[0] == last
    assert page.locator(f"{ORDERING} [data-arrange-status]").inner_text() == MOVED["en"].format(
        ITEMS[last]["en"], 1
    )
    assert positions(page) == {item: str(n) for n, item in enumerate(shown, 1)}
    page.reload()
    page.wait_for_selector(f"{ORDERING} .is-arranged")
    assert order_shown(page) == shown


def test_a_touch_drag_moves_an_item_too(live, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    start(page, live)
    first, _second, last = order_shown(page)
    page.locator(f"{ORDERING} ol").scroll_into_view_if_needed()
    handle = page.locator(f"{ORDERING} li[data-item={last}] .drag-handle").bounding_box()
    target = page.locator(f"{ORDERING} li[data-item={first}]").bounding_box()
    x = handle["x"] + handle["width"] / 2
    y0, y1 = handle["y"] + handle["height"] / 2, target["y"] + 2
    # Chromium's touch events, through the DevTools protocol: Playwright's tap is no drag.
    cdp = context.new_cdp_session(page)

    def touch(kind, y):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    with saved(page):
        touch("touchStart", y0)
        for step in range(1, 6):
            touch("touchMove", y0 + (y1 - y0) * step / 5)
        touch("touchEnd", y1)
    assert order_shown(page)[0] == last
    context.close()


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_keep_this_order_answers_with_the_order_shown(live, page, lang):
    start(page, live, lang)
    shown = order_shown(page)
    with saved(page):
        page.get_by_role("button", name=KEEP[lang]).click()
    assert positions(page) == {item: str(n) for n, item in enumerate(shown, 1)}
    assert page.get_by_role("button", name=KEEP[lang]).count() == 0  # it has done its work
    page.reload()
    page.wait_for_selector(f"{ORDERING} .is-arranged")
    assert order_shown(page) == shown
    assert page.locator(f"{ORDERING} [data-arrange-kept]").is_visible()


def test_without_javascript_the_drop_downs_are_the_answer(live, browser, tmp_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live.url}/en/quizzes/demo-quiz")
    page.get_by_role("button", name=START["en"]).click()
    for item in ("statecraft", "singapore", "indonesia"):
        page.select_option(f"#answer-q-ordering-{item}", "1")
    page.get_by_role("button", name="Save answers").click()
    assert "Each position can be given to one item only." in page.inner_text(ORDERING)
    assert page.get_by_role("button", name="Move up: Singapore meeting").count() == 0
    assert not page.locator(f"{ORDERING} .drag-handle").first.is_visible()
    page.locator(ORDERING).screenshot(path=tmp_path / "ordering-without-javascript.png")
    context.close()


SCREENS = {"desktop": (1280, 900), "phone": (360, 740)}


def check_matching_layout(page, matching, screen):
    """Every drop-down of the question the same size and in the same column; on a desktop each
    on its prompt's row, on a phone under its prompt; nothing wider than the screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen][0]
    boxes = page.eval_on_selector_all(
        f"{matching} li",
        """rows => rows.map(row => {
            const s = row.querySelector('select').getBoundingClientRect();
            const l = row.querySelector('label').getBoundingClientRect();
            return {width: s.width, height: s.height, left: s.left, top: s.top, labelTop: l.top,
                    labelBottom: l.bottom};
        })""",
    )
    assert len(boxes) >= 2
    assert len({(round(b["width"]), round(b["height"]), round(b["left"])) for b in boxes}) == 1
    for box in boxes:
        if screen == "desktop":
            assert box["top"] < box["labelBottom"] and box["labelTop"] < box["top"] + box["height"]
        else:
            assert box["top"] >= box["labelBottom"] - 1


@pytest.mark.parametrize("lang", COURSE_CODES)
@pytest.mark.parametrize("screen", SCREENS)
def test_ordering_and_matching_keep_one_layout(live, browser, tmp_path, lang, screen):
    """Screenshots of both questions go to the test's tmp_path (see --basetemp)."""
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    start(page, live, lang)
    page.select_option("#answer-q-matching-usa", "second")
    check_matching_layout(page, "#q-q-matching", screen)
    page.locator(ORDERING).screenshot(path=tmp_path / f"ordering-{lang}-{screen}.png")
    page.locator("#q-q-matching").screenshot(path=tmp_path / f"matching-{lang}-{screen}.png")
    hint = {"en": "12,345.6", "vi": "12.345,6", "ru": "12\xa0345,6"}[lang]
    assert hint in page.locator("#q-q-numeric .hint").inner_text()
    page.locator("#q-q-numeric").screenshot(path=tmp_path / f"numeric-{lang}-{screen}.png")
    context.close()


@pytest.mark.parametrize("lang", COURSE_CODES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_courses_long_prompts_and_choices_keep_the_layout(
    live_course, browser, tmp_path, lang, screen
):
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{live_course.url}/{lang}/quizzes/foundations-quiz")
    page.get_by_role("button", name=START[lang]).click()
    page.wait_for_url(re.compile(r"/attempts/\d+"))
    wanted = {
        "matching": ".question:not(:has(.ordering)):has(.rows)",
        "ordering": ".question:has(.ordering)",
    }
    attempt_url = page.url.split("?")[0]
    for number in range(1, 12):  # through the quiz's pages until both are seen
        page.goto(f"{attempt_url}?page={number}")
        for kind, selector in list(wanted.items()):
            question = page.locator(selector).first
            if not question.count():
                continue
            if kind == "matching":
                check_matching_layout(page, f"#{question.get_attribute('id')}", screen)
            else:
                expect(question.locator(".ordering.is-arranged")).to_have_count(1)
            question.screenshot(path=tmp_path / f"course-{kind}-{lang}-{screen}.png")
            del wanted[kind]
        if not wanted:
            break
    assert not wanted, f"not found in the quiz: {list(wanted)}"
    context.close()


def test_escape_during_a_drag_puts_the_item_back(live, page):
    start(page, live)
    before = order_shown(page)
    page.locator(ORDERING).scroll_into_view_if_needed()
    handle = page.locator(f"{ORDERING} li[data-item={before[-1]}] .drag-handle").bounding_box()
    target = page.locator(f"{ORDERING} li[data-item={before[0]}]").bounding_box()
    page.mouse.move(handle["x"] + 5, handle["y"] + 5)
    page.mouse.down()
    page.mouse.move(handle["x"] + 5, target["y"] + 2, steps=5)
    assert order_shown(page)[0] == before[-1]  # it follows the pointer
    page.keyboard.press("Escape")
    page.mouse.up()
    assert order_shown(page) == before
    assert set(positions(page).values()) == {""}  # still unanswered
