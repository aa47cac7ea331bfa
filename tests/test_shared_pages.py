"""Pages shared by every visitor who has not signed in: rendered once, yet each visitor's own."""

from tests.conftest import csrf_token

LESSON = "/en/lessons/first-lesson"


def test_each_visitor_gets_a_token_of_their_own_that_works(app):
    first, second = app.test_client(), app.test_client()
    first_page = first.get(LESSON).get_data(as_text=True)
    second_page = second.get(LESSON).get_data(as_text=True)
    assert csrf_token(first_page) != csrf_token(second_page)
    assert first_page.replace(csrf_token(first_page), "") == second_page.replace(
        csrf_token(second_page), ""
    )
    for client, page in ((first, first_page), (second, second_page)):
        response = client.post(f"{LESSON}/done", data={"csrf_token": csrf_token(page)})
        assert response.status_code == 302
        assert "You have completed this lesson." in client.get(LESSON).get_data(as_text=True)


def test_progress_stays_with_the_visitor_who_made_it(app):
    learner, newcomer = app.test_client(), app.test_client()
    page = learner.get(LESSON).get_data(as_text=True)
    learner.post(f"{LESSON}/done", data={"csrf_token": csrf_token(page)})
    assert "You have completed this lesson." in learner.get(LESSON).get_data(as_text=True)
    fresh = newcomer.get(LESSON).get_data(as_text=True)
    assert "You have completed this lesson." not in fresh
    assert "Mark this lesson as done" in fresh


def test_a_page_without_forms_sets_no_session_cookie(client):
    response = client.get("/en/glossary")
    response = client.get("/en/glossary")
    assert response.status_code == 200
    assert "session=" not in response.headers.get("Set-Cookie", "")


def test_a_waiting_message_is_shown_on_a_shared_page(client):
    client.get("/en/glossary")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A message for this visitor only")]
    assert "A message for this visitor only" in client.get("/en/glossary").get_data(as_text=True)
    assert "A message for this visitor only" not in client.get("/en/glossary").get_data(
        as_text=True
    )


def test_signed_in_visitors_see_their_own_page(client, auth, user):
    anonymous = client.get(LESSON).get_data(as_text=True)
    assert "Sign in" in anonymous
    auth.login()
    page = client.get(LESSON).get_data(as_text=True)
    assert "Sign out (Lan Nguyễn)" in page


def test_each_language_has_its_own_copy(client):
    english = client.get(LESSON).get_data(as_text=True)
    russian = client.get("/ru/lessons/first-lesson").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert '<html lang="ru">' in russian
