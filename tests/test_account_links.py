"""Signed account links as plain functions: no request, no mail."""

import pytest

from course.accounts.changes import change_email, delete_account, set_password
from course.accounts.links import (
    InvalidLink,
    email_change_for_token,
    email_change_token,
    reset_token,
    user_for_reset_token,
)
from course.accounts.models import User
from course.extensions import db


@pytest.fixture
def lan(app, user):
    with app.app_context():
        yield db.session.get(User, user)


def test_a_reset_token_names_its_user_until_the_password_changes(lan):
    token = reset_token(lan)
    assert user_for_reset_token(token).id == lan.id
    set_password(lan, "a brand new secret")
    with pytest.raises(InvalidLink):
        user_for_reset_token(token)


def test_an_email_change_token_works_until_the_address_changes(lan):
    token = email_change_token(lan, "lan@new.example")
    assert email_change_for_token(token) == (lan, "lan@new.example")
    change_email(lan, "lan@new.example")
    with pytest.raises(InvalidLink):
        email_change_for_token(token)


def test_a_token_for_one_purpose_does_not_serve_another(lan):
    with pytest.raises(InvalidLink):
        email_change_for_token(reset_token(lan))
    with pytest.raises(InvalidLink):
        user_for_reset_token(email_change_token(lan, "lan@new.example"))


def test_a_token_signed_with_another_key_is_refused(app, lan):
    token = reset_token(lan)
    app.config["SECRET_KEY"] = "another secret"
    app.secret_key = "another secret"
    with pytest.raises(InvalidLink):
        user_for_reset_token(token)


def test_a_token_of_a_deleted_account_is_refused(lan):
    token = reset_token(lan)
    delete_account(lan.id)
    with pytest.raises(InvalidLink):
        user_for_reset_token(token)
