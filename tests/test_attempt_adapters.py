"""The same scenarios through the pages and through the API: both adapters of the attempts
service behave alike (what is stored, what is submitted, and when)."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from werkzeug.datastructures import MultiDict

from course.classes.models import Assignment
from course.extensions import db
from course.quizzes.models import Attempt
from course.timeutil import utcnow
from tests.conftest import csrf_token
from tests.factories import add_assignment, add_student, sign_in

ADAPTERS = ("html", "api", "page")
FULL_MARKS = {"q-single": "public", "q-truefalse": "false", "q-text": "zalo"}


class Html:
    """The pages, as a browser without JavaScript uses them."""

    def __init__(self, client):
        self.client = client

    def token(self) -> str:
        # The session's token, from a request that views no attempt (viewing one may submit it).
        return self.client.get("/api/v1/session").get_json()["csrf_token"]

    def start(self) -> int:
        data = {"csrf_token": self.token()}
        response = self.client.post("/en/quizzes/demo-quiz/attempts", data=data)
        return int(response.headers["Location"].rsplit("/", 1)[1])

    def save(self, attempt_id: int, answers: dict, revision: int | None = None, action="save"):
        data = {"csrf_token": self.token(), "action": action, **self.fields(answers)}
        if revision is not None:
            data["revision"] = str(revision)
        return self.client.post(f"/en/attempts/{attempt_id}", data=data)

    @staticmethod
    def fields(answers: dict) -> dict:
        """The page's fields for these answers."""
        data = {}
        for question, value in answers.items():
            if isinstance(value, dict):  # one drop-down per row
                data |= {f"answer-{question}-{row}": str(v) for row, v in value.items()}
            else:
                data[f"answer-{question}"] = value
        return data

    def submit(self, attempt_id: int, answers: dict):
        """The Submit button: it sends the page's answers too."""
        return self.save(attempt_id, answers, action="submit")

    def view(self, attempt_id: int) -> str:
        return self.client.get(f"/en/attempts/{attempt_id}").get_data(as_text=True)

    def problem_at(self, response, question_id: str) -> str:
        """The reason shown at the question."""
        html = response.get_data(as_text=True)
        start = html.index(f'id="error-{question_id}">') + len(f'id="error-{question_id}">')
        return html[start : html.index("</p>", start)]


class Api:
    """The JSON API, with the session and its CSRF header."""

    def __init__(self, client):
        self.client = client
        self.headers = {"X-CSRFToken": client.get("/api/v1/session").get_json()["csrf_token"]}

    def start(self) -> int:
        started = self.client.post("/api/v1/quizzes/demo-quiz/attempts", headers=self.headers)
        return started.get_json()["id"]

    def save(self, attempt_id: int, answers: dict, revision: int | None = None):
        body = {"answers": answers, "revision": revision}
        url = f"/api/v1/attempts/{attempt_id}/answers?lang=en"
        return self.client.put(url, json=body, headers=self.headers)

    def submit(self, attempt_id: int, _answers: dict):
        """Submit what was saved (the answers were sent before)."""
        url = f"/api/v1/attempts/{attempt_id}/submit?lang=en"
        return self.client.post(url, headers=self.headers)

    def view(self, attempt_id: int) -> str:
        return self.client.get(f"/api/v1/attempts/{attempt_id}?lang=en").get_data(as_text=True)

    def problem_at(self, response, question_id: str) -> str:
        return response.get_json()["error"]["questions"][question_id]


class Page(Api):
    """The attempt page's script: the page's own fields for the questions sent, form-encoded,
    through the API (how it saves one answer at a time)."""

    def save(self, attempt_id: int, answers: dict, revision: int | None = None):
        data = [("question", question) for question in answers]
        data += [(name, value) for name, value in Html.fields(answers).items()]
        if revision is not None:
            data.append(("revision", str(revision)))
        url = f"/api/v1/attempts/{attempt_id}/answers?lang=en"
        return self.client.put(url, data=MultiDict(data), headers=self.headers)


# What each adapter answers in each case: the service's outcome is the same.
STATUS = {
    "html": {"saved": 302, "problems": 422, "closed": 302, "stale": 302, "submitted": 302},
    "api": {"saved": 200, "problems": 422, "closed": 409, "stale": 409, "submitted": 200},
}
STATUS["page"] = STATUS["api"]


def make_adapter(name: str, client) -> Html | Api:
    client.get("/en/")  # a session, as a visitor
    return {"html": Html, "api": Api, "page": Page}[name](client)


@pytest.fixture(params=ADAPTERS)
def adapter(request, client):
    return request.param, make_adapter(request.param, client)


def stored(app, attempt_id: int) -> tuple[dict, Attempt]:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        db.session.expunge(attempt)
        return {a.question_id: a.value for a in attempt.answers}, attempt


def move_deadline(app, attempt_id: int, **delta) -> None:
    with app.app_context():
        deadline = utcnow() + timedelta(**delta)
        db.session.execute(
            update(Attempt).where(Attempt.id == attempt_id).values(deadline_dt=deadline)
        )
        db.session.commit()


def test_an_expired_attempt_is_submitted_as_saved_at_its_deadline(app, adapter):
    name, through = adapter
    attempt_id = through.start()
    assert through.save(attempt_id, {"q-single": "public"}).status_code == STATUS[name]["saved"]
    move_deadline(app, attempt_id, minutes=-2)
    late = through.save(attempt_id, {"q-single": "economic", "q-text": "zalo"})
    assert late.status_code == STATUS[name]["closed"]
    answers, attempt = stored(app, attempt_id)
    assert answers == {"q-single": "public"}  # as it was saved
    assert attempt.submitted_dt == attempt.deadline_dt
    assert attempt.score == 1


def test_viewing_an_expired_attempt_submits_it(app, adapter):
    _name, through = adapter
    attempt_id = through.start()
    through.save(attempt_id, {"q-single": "public"})
    move_deadline(app, attempt_id, seconds=-1)
    through.view(attempt_id)
    _answers, attempt = stored(app, attempt_id)
    assert attempt.submitted_dt == attempt.deadline_dt


def test_answers_sent_within_the_grace_after_the_deadline_are_kept(app, adapter):
    name, through = adapter
    attempt_id = through.start()
    move_deadline(app, attempt_id, seconds=-5)
    assert through.save(attempt_id, {"q-single": "public"}).status_code == STATUS[name]["saved"]
    answers, _attempt = stored(app, attempt_id)
    assert answers == {"q-single": "public"}


def test_a_stale_revision_overwrites_nothing(app, adapter):
    name, through = adapter
    attempt_id = through.start()
    assert (
        through.save(attempt_id, {"q-single": "public"}, revision=0).status_code
        == (STATUS[name]["saved"])
    )
    stale = through.save(attempt_id, {"q-single": "economic"}, revision=0)
    assert stale.status_code == STATUS[name]["stale"]
    answers, attempt = stored(app, attempt_id)
    assert answers == {"q-single": "public"}
    assert attempt.revision == 1


def test_submitting_twice_changes_nothing(app, adapter):
    name, through = adapter
    attempt_id = through.start()
    through.save(attempt_id, FULL_MARKS)
    assert through.submit(attempt_id, FULL_MARKS).status_code == STATUS[name]["submitted"]
    _answers, first = stored(app, attempt_id)
    assert through.submit(attempt_id, FULL_MARKS).status_code == STATUS[name]["submitted"]
    late = through.save(attempt_id, {"q-single": "economic"})
    assert late.status_code == STATUS[name]["closed"]
    answers, again = stored(app, attempt_id)
    assert (again.submitted_dt, again.score) == (first.submitted_dt, first.score) != (None, None)
    assert answers["q-single"] == "public"


# A valid answer stored first: an answer to fix sent later does not replace it.
BEFORE = {"q-numeric": "73.6", "q-ordering": {"statecraft": 1}}


@pytest.mark.parametrize(
    ("question_id", "value", "reason"),
    [
        ("q-numeric", "XXI", "is not a number"),
        ("q-numeric", "73,6", "Did you mean"),
        ("q-ordering", {"statecraft": 1, "singapore": 1}, "one item only"),
    ],
)
def test_an_answer_to_fix_is_not_stored_and_the_others_are(
    app, adapter, question_id, value, reason
):
    name, through = adapter
    attempt_id = through.start()
    through.save(attempt_id, {question_id: BEFORE[question_id]})
    before, _attempt = stored(app, attempt_id)
    assert before
    response = through.save(attempt_id, {"q-single": "public", question_id: value})
    assert response.status_code == STATUS[name]["problems"]
    assert reason in through.problem_at(response, question_id)
    after, _attempt = stored(app, attempt_id)
    assert after == {**before, "q-single": "public"}  # the answer stored before stays


@pytest.mark.parametrize("name", ADAPTERS)
def test_an_attempt_past_its_assignments_closing_is_submitted_as_saved(app, client, klass, name):
    add_student(app, klass, 1)
    sign_in(client, "s1@school.edu")
    through = make_adapter(name, client)
    now = utcnow()
    assignment_id = add_assignment(
        app, klass, due_dt=now + timedelta(hours=1), closes_dt=now + timedelta(days=1)
    )
    page = client.get("/en/assignments").get_data(as_text=True)
    started = client.post(
        f"/en/assignments/{assignment_id}/start", data={"csrf_token": csrf_token(page)}
    )
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    through.save(attempt_id, {"q-single": "public"})
    closed = utcnow() - timedelta(minutes=5)
    with app.app_context():
        db.session.execute(
            update(Assignment)
            .where(Assignment.id == assignment_id)
            .values(due_dt=closed, closes_dt=closed)
        )
        db.session.execute(
            update(Attempt).where(Attempt.id == attempt_id).values(deadline_dt=closed)
        )
        db.session.commit()
    late = through.save(attempt_id, {"q-single": "economic"})
    assert late.status_code == STATUS[name]["closed"]
    answers, attempt = stored(app, attempt_id)
    assert answers == {"q-single": "public"}
    assert attempt.submitted_dt == closed
    assert not attempt.is_late


def flag(name: str, through, attempt_id: int, question_id: str):
    """Flag an unflagged question: the form's button turns it over, the API sets it."""
    if name in ("api", "page"):  # both are clients of the API
        body = {"question": question_id, "flagged": True}
        url = f"/api/v1/attempts/{attempt_id}/flags"
        return through.client.put(url, json=body, headers=through.headers)
    data = {"csrf_token": through.token(), "flag": question_id, "on_page": question_id}
    return through.client.post(f"/en/attempts/{attempt_id}", data=data)


def test_a_flag_is_kept_and_moves_no_revision_and_a_closed_attempt_refuses_one(app, adapter):
    name, through = adapter
    attempt_id = through.start()
    assert flag(name, through, attempt_id, "q-text").status_code == STATUS[name]["saved"]
    _answers, attempt = stored(app, attempt_id)
    assert attempt.flagged == ["q-text"]
    assert attempt.revision == 0  # a page loaded before the flag may still save its answers
    move_deadline(app, attempt_id, minutes=-2)
    assert flag(name, through, attempt_id, "q-single").status_code == STATUS[name]["closed"]
    _answers, attempt = stored(app, attempt_id)
    assert attempt.flagged == ["q-text"]
    assert attempt.submitted_dt == attempt.deadline_dt  # its time was up: submitted as saved
