"""Taking a quiz a page at a time: pages, the navigator, flags for review, the summary before
submitting and its second step, the error summary, and the place kept across a language switch."""

import re

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from course.classes.models import Assignment
from course.classes.rules import assignment_rules
from course.content.loader import load_catalog
from course.content.problems import ContentError
from course.extensions import db
from course.learners.current import learner_for_user
from course.quizzes.attempts import start_attempt
from course.quizzes.models import Attempt
from course.quizzes.paging import Pages
from tests.conftest import LANGS, close_app, csrf_token, database_url, make_app
from tests.factories import add_assignment, add_student, sign_in

QUIZ = "quizzes/demo-quiz.yaml"
# The demo quiz's questions in their order: five on page 1, two on page 2 by default.
ORDER = ["q-single", "q-multiple", "q-truefalse", "q-numeric", "q-ordering", "q-matching", "q-text"]
PAGE_2 = ["q-matching", "q-text"]


def set_per_page(content, value: str | None) -> None:
    """The fixture quiz keeps every question on one page: give it another setting, or none."""
    path = content / QUIZ
    new = f"per_page: {value}\n" if value is not None else ""
    path.write_text(path.read_text(encoding="utf-8").replace("per_page: all\n", new), "utf-8")


@pytest.fixture
def paged_app(tmp_path, content_copy):
    set_per_page(content_copy, None)  # the default: 5 a page
    app = make_app(tmp_path, content_dir=content_copy)
    yield app
    close_app(app)


@pytest.fixture
def client(paged_app):
    return paged_app.test_client()


def start(client, lang="en"):
    page = client.get(f"/{lang}/quizzes/demo-quiz").get_data(as_text=True)
    response = client.post(
        f"/{lang}/quizzes/demo-quiz/attempts", data={"csrf_token": csrf_token(page)}
    )
    url = response.headers["Location"]
    return url, client.get(url).get_data(as_text=True)


def shown_questions(html: str) -> list[str]:
    return re.findall(r'<section class="question[^"]*" id="q-([^"]+)"', html)


def post_page(client, url, page_html, answers=None, on_page=ORDER[:5], **extra):
    data = {"csrf_token": csrf_token(page_html), "on_page": list(on_page), **(answers or {})}
    return client.post(url.split("?")[0].split("#")[0], data={**data, **extra})


def stored(app, attempt_id=1) -> Attempt:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        db.session.expunge(attempt)
        return attempt


def answered(app, attempt_id=1) -> set[str]:
    with app.app_context():
        return {a.question_id for a in db.session.get(Attempt, attempt_id).answers}


def test_pages_count_in_whole_numbers():
    pages = Pages(ORDER, 5)
    assert pages.count == 2
    assert list(pages.on_page(2)) == PAGE_2
    assert pages.first_number(2) == 6
    assert Pages(ORDER, None).count == 1
    assert Pages(ORDER, 1).page_of("q-text") == 7


def test_the_first_page_shows_five_questions_and_the_navigator_all_seven(client):
    url, html = start(client)
    assert shown_questions(html) == ORDER[:5]
    assert 'aria-label="Questions of this attempt"' in html
    assert len(re.findall(r'class="nav-question[^"]*" *\n? *data-question-id', html)) == 7
    assert "Page 1 of 2" in html
    assert 'name="to_page" value="2"' in html
    assert 'name="to_page" value="0"' not in html


def test_the_second_page_numbers_its_questions_in_the_whole_attempt(client):
    url, _html = start(client)
    html = client.get(url + "?page=2").get_data(as_text=True)
    assert shown_questions(html) == PAGE_2
    assert "Question 6" in html and "Question 7" in html
    assert "Question 1</" not in html
    assert 'name="to_page" value="1"' in html


@pytest.mark.parametrize(
    ("raw", "page"),
    [("0", 1), ("-1", 1), ("abc", 1), ("2.5", 1), ("", 1), ("3", 2), ("99999999999999", 2)],
)
def test_a_page_number_out_of_range_or_junk_shows_the_nearest_page(client, raw, page):
    url, _html = start(client)
    response = client.get(url, query_string={"page": raw})
    assert response.status_code == 200
    expected = ORDER[:5] if page == 1 else PAGE_2
    assert shown_questions(response.get_data(as_text=True)) == expected


def test_moving_between_pages_keeps_every_answer(client, paged_app):
    url, html = start(client)
    response = post_page(client, url, html, {"answer-q-single": "public"}, to_page="2")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/attempts/1?page=2")
    page_2 = client.get(response.headers["Location"]).get_data(as_text=True)
    response = post_page(
        client, url, page_2, {"answer-q-text": "Zalo"}, on_page=PAGE_2, page="2", to_page="1"
    )
    assert response.headers["Location"].endswith("/en/attempts/1")
    # The second page's form said nothing of page 1's questions: their answers stay.
    assert answered(paged_app) == {"q-single", "q-text"}
    page_1 = client.get(url).get_data(as_text=True)
    assert re.search(r'value="public"[^>]*checked|checked[^>]*value="public"', page_1)


def test_an_answer_to_fix_keeps_the_learner_on_their_page(client, paged_app):
    url, html = start(client)
    response = post_page(client, url, html, {"answer-q-numeric": "XXI"}, to_page="2")
    assert response.status_code == 422
    assert shown_questions(response.get_data(as_text=True)) == ORDER[:5]


def test_finishing_with_an_answer_to_fix_shows_the_error_summary_with_links(client):
    url, html = start(client)
    response = post_page(client, url, html, {"answer-q-numeric": "XXI"}, action="finish")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "Please fix the marked answers before submitting." in summary
    link = re.search(r'<a href="#q-q-numeric">Question 4: ([^<]+)</a>', summary)
    assert link and "not a number" in link.group(1)
    assert 'id="q-q-numeric"' in html


def test_finishing_saves_the_page_and_opens_the_summary(client, paged_app):
    url, html = start(client)
    response = post_page(client, url, html, {"answer-q-single": "public"}, action="finish")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/attempts/1/summary")
    assert answered(paged_app) == {"q-single"}
    assert stored(paged_app).submitted_dt is None


def test_the_flag_button_without_javascript_turns_the_flag_over(client, paged_app):
    url, html = start(client)
    response = post_page(client, url, html, {"answer-q-single": "public"}, flag="q-numeric")
    assert response.headers["Location"].endswith("/en/attempts/1#q-q-numeric")
    assert stored(paged_app).flagged == ["q-numeric"]
    assert answered(paged_app) == {"q-single"}  # the page was saved first
    html = client.get(url).get_data(as_text=True)
    assert re.search(r'value="q-numeric" class="flag-button" aria-pressed="true"', html)
    assert "Question 4: <span data-state-words>not answered, flagged for review" in html
    post_page(client, url, html, flag="q-numeric")
    assert stored(paged_app).flagged == []


def test_flags_through_the_api(client, paged_app):
    url, _html = start(client)
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    headers = {"X-CSRFToken": token}

    def put(body):
        return client.put("/api/v1/attempts/1/flags", json=body, headers=headers)

    response = put({"question": "q-text", "flagged": True})
    assert response.status_code == 200
    assert put({"question": "q-single", "flagged": True}).get_json() == {
        "flagged": ["q-single", "q-text"]  # in the attempt's order
    }
    assert put({"question": "q-text", "flagged": False}).get_json() == {"flagged": ["q-single"]}
    assert put({"question": "q-text", "flagged": False}).get_json() == {"flagged": ["q-single"]}
    assert client.get("/api/v1/attempts/1").get_json()["flagged"] == ["q-single"]
    assert put({"question": "nope", "flagged": True}).status_code == 400
    assert put({"question": "q-text", "flagged": "yes"}).status_code == 400
    assert put({"question": "q-text"}).status_code == 400
    no_token = client.put("/api/v1/attempts/1/flags", json={"question": "q-text", "flagged": True})
    assert no_token.status_code == 400
    assert stored(paged_app).flagged == ["q-single"]


def test_a_submitted_attempt_keeps_its_flags(client, paged_app):
    url, html = start(client)
    post_page(client, url, html, flag="q-single")
    client.post(url, data={"csrf_token": csrf_token(html), "action": "submit"})
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    response = client.put(
        "/api/v1/attempts/1/flags",
        json={"question": "q-single", "flagged": False},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 409
    assert stored(paged_app).flagged == ["q-single"]


def test_the_summary_counts_answered_unanswered_and_flagged_questions(client):
    url, html = start(client)
    answers = {"answer-q-single": "public", "answer-q-truefalse": "false"}
    post_page(client, url, html, answers, flag="q-text")
    html = client.get(url + "/summary").get_data(as_text=True)
    assert "2 of 7 questions answered" in html
    assert "Not answered (5)" in html
    assert "Flagged for review (1)" in html
    assert "Answered (2)" in html
    # Each links back to its page and place.
    assert 'href="/en/attempts/1?page=2#q-q-text">Question 7</a>' in html
    assert 'href="/en/attempts/1?page=1#q-q-single">Question 1</a>' in html
    assert 'action="/en/attempts/1/submit"' in html


def test_submitting_with_unanswered_questions_asks_once_more(client, paged_app):
    url, html = start(client)
    post_page(client, url, html, {"answer-q-single": "public"})
    summary = client.get(url + "/summary").get_data(as_text=True)
    response = client.post(url + "/submit", data={"csrf_token": csrf_token(summary)})
    assert response.status_code == 200
    asked = response.get_data(as_text=True)
    assert "6 questions are not answered." in asked
    assert 'name="confirm" value="unanswered"' in asked
    assert stored(paged_app).submitted_dt is None
    response = client.post(
        url + "/submit", data={"csrf_token": csrf_token(asked), "confirm": "unanswered"}
    )
    assert response.status_code == 302
    assert stored(paged_app).submitted_dt is not None


def test_submitting_with_every_question_answered_asks_nothing_more(client, paged_app):
    url, html = start(client)
    answers = {
        "answer-q-single": "public",
        "answer-q-multiple": ["cyber"],
        "answer-q-truefalse": "false",
        "answer-q-numeric": "73.6",
        "answer-q-ordering-statecraft": "1",
        "answer-q-ordering-singapore": "2",
        "answer-q-ordering-indonesia": "3",
        "answer-q-matching-india": "first",
        "answer-q-matching-usa": "second",
        "answer-q-text": "Zalo",
    }
    post_page(client, url, html, answers, on_page=ORDER)
    assert answered(paged_app) == set(ORDER)
    summary = client.get(url + "/summary").get_data(as_text=True)
    assert "Every question has an answer." in summary
    response = client.post(url + "/submit", data={"csrf_token": csrf_token(summary)})
    assert response.status_code == 302
    assert stored(paged_app).submitted_dt is not None


@pytest.mark.parametrize("lang", LANGS)
def test_switching_language_keeps_the_page_and_the_question_in_view(client, lang):
    url, _html = start(client, "en")
    page_2 = client.get(url + "?page=2").get_data(as_text=True)
    other = next(code for code in LANGS if code != "en") if lang == "en" else lang
    response = post_page(
        client, url, page_2, on_page=PAGE_2, page="2", in_view="q-text", switch_to=other
    )
    assert response.headers["Location"] == f"/{other}/attempts/1?page=2#q-q-text"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert shown_questions(html) == PAGE_2


def test_one_question_at_a_time_keeps_the_question_in_view(client):
    url, html = start(client)
    response = post_page(client, url, html, in_view="q-numeric", layout="one")
    assert response.headers["Location"] == "/en/attempts/1?page=4&one=1#q-q-numeric"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert shown_questions(html) == ["q-numeric"]
    assert "Page 4 of 7" in html
    assert 'name="one" value="1"' in html
    response = post_page(client, url, html, on_page=["q-numeric"], page="4", one="1", to_page="5")
    assert response.headers["Location"] == "/en/attempts/1?page=5&one=1"
    response = post_page(
        client, url, html, on_page=["q-numeric"], page="4", one="1", layout="pages"
    )
    assert response.headers["Location"] == "/en/attempts/1#q-q-numeric"


def test_an_assignment_overrides_the_quizs_questions_per_page(client, paged_app, klass):
    assignment_id = add_assignment(paged_app, klass, per_page="1")
    user_id = add_student(paged_app, klass, 1)
    with paged_app.app_context():
        assignment = db.session.get(Assignment, assignment_id)
        assert assignment_rules(assignment, user_id).per_page == 1
        assignment.per_page = None
        assert assignment_rules(assignment, user_id).per_page == 5
        assignment.per_page = "1"
        catalog = paged_app.extensions["catalog"]
        rules = assignment_rules(assignment, user_id)
        learner = learner_for_user(user_id)
        attempt = start_attempt(
            learner.id, catalog.quizzes["demo-quiz"], catalog, rules, assignment_id
        )
        attempt_id = attempt.id
    sign_in(client, "s1@school.edu")
    html = client.get(f"/en/attempts/{attempt_id}?page=3").get_data(as_text=True)
    assert shown_questions(html) == ["q-truefalse"]
    assert "Page 3 of 7" in html


def test_the_assignment_form_sets_the_questions_per_page(client, paged_app, klass):
    assignment_id = add_assignment(paged_app, klass)
    sign_in(client, "teacher@school.edu")
    url = f"/en/teaching/classes/{klass}/assignments/{assignment_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert '<option selected value="">As the quiz says</option>' in page
    data = {
        "csrf_token": csrf_token(page),
        "opens": "2030-01-01T08:00",
        "due": "2030-01-10T09:00",
        "is_late_accepted": "y",
        "grading_method": "best",
        "review_score": "immediately",
        "review_correctness": "after_due",
        "review_key": "after_close",
        "review_explanations": "never",
        "per_page": "all",
    }
    assert client.post(url, data=data).status_code == 302
    with paged_app.app_context():
        assert db.session.get(Assignment, assignment_id).per_page == "all"
    assert client.post(url, data={**data, "per_page": "7"}).status_code == 200  # refused


@pytest.mark.parametrize("value", ["3", "many", "true", "[5]"])
def test_content_check_reports_a_bad_per_page(content_copy, value):
    set_per_page(content_copy, value)
    with pytest.raises(ContentError) as caught:
        load_catalog(content_copy)
    assert any("'per_page' must be 1, 5 or all" in str(p) for p in caught.value.problems)


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("5", 5), ("all", None)])
def test_content_reads_per_page(content_copy, value, expected):
    set_per_page(content_copy, value)
    assert load_catalog(content_copy).quizzes["demo-quiz"].per_page == expected


def test_the_migration_adds_flags_and_per_page_and_goes_back(tmp_path):
    """On SQLite, and on PostgreSQL when TEST_DATABASE_URL names one."""
    from course import create_app
    from tests.conftest import FIXTURE_CONTENT

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "CONTENT_DIR": str(FIXTURE_CONTENT),
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
        }
    )
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        try:
            upgrade(revision="e7a1c0k1nd00")
            upgrade()
            with db.engine.connect() as connection:
                assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []
                columns = {c["name"] for c in inspect(connection).get_columns("attempts")}
                assert "flagged" in columns
            downgrade(revision="e7a1c0k1nd00")
            with db.engine.connect() as connection:
                columns = {c["name"] for c in inspect(connection).get_columns("attempts")}
                assert "flagged" not in columns
            upgrade()
        finally:
            db.session.remove()
            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.engine.dispose()
