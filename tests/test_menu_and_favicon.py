"""The menu of each role (a self-study learner's leads to no empty class pages) and the icon."""

import pytest

from course.accounts.models import User
from course.classes.models import Class
from course.classes.rosters import join_class
from course.extensions import db
from tests.conftest import LANGS
from tests.factories import sign_in

JOIN = {"vi": "Tham gia lớp học", "ru": "Присоединиться к группе", "en": "Join a class"}
ASSIGNMENTS = 'href="/{lang}/assignments"'


def menu(page: str) -> str:
    return page[page.index('<nav class="main-nav"') : page.index("</nav>")]


@pytest.mark.parametrize("lang", LANGS)
def test_a_self_study_learner_finds_join_a_class_but_no_class_pages(client, auth, user, lang):
    auth.login(lang=lang)
    home = client.get(f"/{lang}/").get_data(as_text=True)
    assert ASSIGNMENTS.format(lang=lang) not in menu(home)
    assert f'href="/{lang}/classes"' not in menu(home)
    for path in ("/progress", "/account"):
        page = client.get(f"/{lang}{path}").get_data(as_text=True)
        assert JOIN[lang] in page
        assert f'href="/{lang}/classes"' in page


def test_a_student_in_a_class_has_the_class_pages_in_the_menu(app, client, auth, user, klass):
    auth.login()
    assert ASSIGNMENTS.format(lang="en") not in menu(client.get("/en/").get_data(as_text=True))
    with app.app_context():
        join_class(db.session.get(Class, klass), db.session.get(User, user))
    home = client.get("/en/").get_data(as_text=True)
    assert ASSIGNMENTS.format(lang="en") in menu(home)
    assert "Studying with a class?" not in client.get("/en/progress").get_data(as_text=True)


def test_an_instructor_has_teaching_and_no_join_hint(client, teacher):
    sign_in(client, "teacher@school.edu")
    home = client.get("/en/").get_data(as_text=True)
    assert 'href="/en/teaching"' in menu(home)
    assert "Studying with a class?" not in client.get("/en/account").get_data(as_text=True)


def test_the_favicon_is_served_and_linked(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/x-icon"
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    page = client.get("/en/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    with client.get("/static/favicon.svg") as svg:
        assert svg.status_code == 200
        assert b"<svg" in svg.data
