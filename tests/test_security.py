"""Security: headers, rate limits, sessions, production settings, escaping."""

import re
from datetime import timedelta

import pytest

from course import create_app
from course.accounts.models import UserSession
from course.extensions import db
from course.security import InsecureConfiguration
from tests.conftest import FIXTURE_CONTENT, close_app, csrf_token, make_app


def test_security_headers_on_every_page(client):
    response = client.get("/en/lessons/first-lesson")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # only in production


@pytest.mark.parametrize(
    "page", ["/en/", "/en/lessons/first-lesson", "/en/quizzes/demo-quiz", "/en/register"]
)
def test_pages_have_no_inline_scripts_or_styles(client, page):
    html = client.get(page).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html
    assert "<style" not in html


def test_session_cookie_is_httponly_and_lax(client, auth):
    response = auth.register()
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def _login_attempt(client, lang="ru", email="learner@example.org", password="wrong password"):
    page = client.get(f"/{lang}/login").get_data(as_text=True)
    return client.post(
        f"/{lang}/login",
        data={"email": email, "password": password, "csrf_token": csrf_token(page)},
    )


def test_sign_in_is_rate_limited_per_account_with_a_translated_page(client, user):
    statuses = [_login_attempt(client).status_code for _ in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    html = _login_attempt(client).get_data(as_text=True)
    assert '<html lang="ru">' in html
    assert "Too many attempts" not in html  # translated


def test_the_account_limit_holds_across_addresses(app, user):
    for n in range(5):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{n}"
        assert _login_attempt(client).status_code == 200
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.99"
    assert _login_attempt(client).status_code == 429


def test_sign_out_ends_the_session_on_the_server(app, client, auth, user):
    auth.login()
    stolen = {name: client.get_cookie(name).value for name in ("session", "remember_token")}
    auth.logout()
    replay = app.test_client()
    for name, value in stolen.items():
        replay.set_cookie(name, value)
    assert "Sign out" not in replay.get("/en/").get_data(as_text=True)


def test_an_idle_session_expires(app, client, auth, user):
    auth.login()
    assert "Sign out" in client.get("/en/").get_data(as_text=True)
    with app.app_context():
        row = db.session.scalars(db.select(UserSession)).one()
        row.last_seen_dt -= timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
        db.session.commit()
    assert "Sign out" not in client.get("/en/").get_data(as_text=True)


def test_signing_in_starts_a_new_session(client, auth, user):
    before = csrf_token(client.get("/en/login").get_data(as_text=True))
    auth.login()
    after = csrf_token(client.get("/en/").get_data(as_text=True))
    assert before != after


def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ENV", "production")
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(FIXTURE_CONTENT))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite'}")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(InsecureConfiguration):
        create_app()
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(InsecureConfiguration):
        create_app()


def test_production_cookies_are_secure_and_hsts_is_sent(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ENV", "production")
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(FIXTURE_CONTENT))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite'}")
    monkeypatch.setenv("SECRET_KEY", "k" * 48)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"]
    response = app.test_client().get("/en/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_user_supplied_names_are_escaped(client, auth):
    page = client.get("/en/register").get_data(as_text=True)
    client.post(
        "/en/register",
        data={
            "name": "<script>alert(1)</script>",
            "email": "x@example.org",
            "password": "a good long password",
            "confirm": "a good long password",
            "csrf_token": csrf_token(page),
        },
    )
    html = client.get("/en/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_healthz_reports_app_and_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["content"]["questions"] == 7


def test_healthz_reports_an_unreachable_database(tmp_path):
    app = make_app(tmp_path)
    close_app(app)
    with app.app_context():
        working = db.engines[None]
        db.engines[None] = db.create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
        try:
            response = app.test_client().get("/healthz")
        finally:
            db.engines[None].dispose()
            db.engines[None] = working
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_rate_limits_are_shared_through_redis_when_configured(tmp_path):
    """A second worker (here: a second app) sees the attempts counted by the first."""
    import redis

    from course.accounts.users import create_user

    url = "redis://127.0.0.1:6379/0"
    redis.Redis.from_url(url).flushdb()
    first = make_app(tmp_path, REDIS_URL=url)
    assert first.config["RATELIMIT_STORAGE_URI"] == url
    with first.app_context():
        create_user("learner@example.org", "Lan", "correct horse")
    for _ in range(5):
        assert _login_attempt(first.test_client(), lang="en").status_code == 200
    second = create_app({**first.config, "TESTING": True})
    assert _login_attempt(second.test_client(), lang="en").status_code == 429
    redis.Redis.from_url(url).flushdb()
    with second.app_context():
        db.engine.dispose()
    close_app(first)


def test_every_state_changing_route_refuses_get(app, client):
    readable = {rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    post_only = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.methods & {"POST", "PUT"} and rule.rule not in readable
    ]
    assert len(post_only) >= 8
    for rule in post_only:
        url = rule.rule.replace("<lang>", "en")
        url = re.sub(r"<id:\w+>", "1", url)
        url = re.sub(r"<\w+>", "x", url)
        assert client.get(url).status_code == 405, url


@pytest.mark.parametrize(
    ("lang", "title"), [("ru", "Что-то пошло не так"), ("vi", "Đã xảy ra lỗi")]
)
def test_an_unexpected_error_is_a_translated_page_with_a_reference(tmp_path, lang, title, caplog):
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)

    @app.get("/<lang>/boom")
    def boom(lang):
        raise RuntimeError("secret internal detail")

    response = app.test_client().get(f"/{lang}/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert title in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html
    reference = re.search(r"[0-9a-f]{12}", html).group(0)
    assert reference in caplog.text
    close_app(app)
