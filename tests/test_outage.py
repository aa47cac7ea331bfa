"""When the database cannot be reached: 503 with Retry-After, translated; reading goes on."""

import pytest

from course import create_app
from tests.conftest import FIXTURE_CONTENT, LANGS, csrf_token

UNREACHABLE = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/x?connect_timeout=2",
    "sqlite": "sqlite:////nonexistent/directory/course.sqlite",
}
TITLES = {
    "vi": "tạm thời",
    "ru": "временно",
    "en": "briefly unavailable",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def down_app(request):
    """The app as it starts while its database is down."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",  # as the `app` fixture's, so its cookies are good here
            "SQLALCHEMY_DATABASE_URI": UNREACHABLE[request.param],
            "CONTENT_DIR": str(FIXTURE_CONTENT),
        }
    )


@pytest.fixture
def down(down_app):
    return down_app.test_client()


def assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0


@pytest.mark.parametrize(
    "path", ["/en/", "/en/modules/demo", "/en/lessons/first-lesson", "/en/glossary", "/en/sources"]
)
def test_anonymous_visitors_still_read_the_course(down, path):
    assert down.get(path).status_code == 200


def test_the_api_still_serves_the_course(down):
    assert down.get("/api/v1/catalog").status_code == 200
    assert down.get("/api/v1/lessons/first-lesson").status_code == 200


def test_healthz_says_the_database_is_unreachable(down):
    response = down.get("/healthz")
    assert_unavailable(response)
    assert response.get_json()["database"] == "unreachable"


@pytest.mark.parametrize("lang", LANGS)
def test_signing_in_is_a_translated_503(down, lang):
    page = down.get(f"/{lang}/login").get_data(as_text=True)
    token = csrf_token(page)
    response = down.post(
        f"/{lang}/login", data={"email": "a@b.org", "password": "x", "csrf_token": token}
    )
    assert_unavailable(response)
    html = response.get_data(as_text=True)
    assert TITLES[lang] in html
    assert f'<html lang="{lang}">' in html


def test_api_calls_are_a_json_503(down):
    response = down.post("/api/v1/tokens", json={"email": "a@b.org", "password": "x"})
    assert_unavailable(response)
    assert response.get_json()["error"]["code"] == 503
    bogus = down.get("/api/v1/progress", headers={"Authorization": "Bearer nope"})
    assert_unavailable(bogus)
    assert bogus.get_json()["error"]["code"] == 503


def copy_cookies(source, target) -> None:
    for name in ("session", "remember_token"):
        if cookie := source.get_cookie(name):
            target.set_cookie(name, cookie.value)


def test_a_signed_in_visitor_gets_a_503_and_stays_signed_in(client, auth, user, down):
    auth.login()
    copy_cookies(client, down)
    response = down.get("/en/lessons/first-lesson")
    assert_unavailable(response)
    assert "session=;" not in response.headers.get("Set-Cookie", "")  # not signed out
    assert_unavailable(down.get("/en/account"))
    assert_unavailable(down.get("/api/v1/progress"))
    copy_cookies(down, client)
    assert "Sign out" in client.get("/en/").get_data(as_text=True)


def test_an_anonymous_learner_reads_lessons_without_their_progress(client, down):
    page = client.get("/en/lessons/first-lesson").get_data(as_text=True)
    token = csrf_token(page)
    client.post("/en/lessons/first-lesson/done", data={"csrf_token": token})
    copy_cookies(client, down)
    for path in ("/en/", "/en/modules/demo", "/en/lessons/first-lesson"):
        assert down.get(path).status_code == 200, path
    assert_unavailable(down.post("/en/lessons/first-lesson/done", data={"csrf_token": token}))


def test_a_missing_table_is_an_error_of_ours_not_an_outage(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.sqlite'}",
            "CONTENT_DIR": str(FIXTURE_CONTENT),
        }
    )
    response = app.test_client().post("/api/v1/tokens", json={"email": "a@b.org", "password": "x"})
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == 500
