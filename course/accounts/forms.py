"""Account forms. Messages go through gettext: WTForms has no Vietnamese catalog."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from course.accounts.passwords import is_common_password
from course.timeutil import is_timezone

MIN_PASSWORD = 8
MAX_PASSWORD = 128
MAX_EMAIL = 254
ALREADY_REGISTERED = _l("An account with this email address already exists.")


def not_common(form: FlaskForm, field: PasswordField) -> None:
    if field.data and is_common_password(field.data):
        raise ValidationError(
            _l("This password is among the most common ones and easy to guess. Choose another.")
        )


def email_field(label: str) -> EmailField:
    return EmailField(
        label,
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Email(_l("This does not look like an email address."), check_deliverability=False),
            Length(
                max=MAX_EMAIL, message=_l("An email address can be at most %(max)d characters.")
            ),
        ],
    )


def new_password_fields(label: str) -> tuple[PasswordField, PasswordField]:
    """A new password, as strong as registration asks, and its repetition."""
    password = PasswordField(
        label,
        validators=[
            DataRequired(_l("Please choose a password.")),
            Length(
                min=MIN_PASSWORD,
                max=MAX_PASSWORD,
                message=_l("A password needs %(min)d to %(max)d characters."),
            ),
            not_common,
        ],
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[EqualTo("password", _l("The two passwords are not the same."))],
    )
    return password, confirm


def current_password_field() -> PasswordField:
    return PasswordField(
        _l("Current password"),
        validators=[
            DataRequired(_l("Please enter your current password.")),
            Length(max=MAX_PASSWORD, message=_l("This is not your current password.")),
        ],
    )


class RegisterForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[
            DataRequired(_l("Please enter your name.")),
            Length(max=100, message=_l("A name can be at most %(max)d characters long.")),
        ],
    )
    email = email_field(_l("Email address"))
    password, confirm = new_password_fields(_l("Password"))
    # Filled in by the browser (course.js) so that dates show in the learner's time zone.
    timezone = HiddenField(default="UTC")


class SettingsForm(FlaskForm):
    name = RegisterForm.name
    timezone = SelectField(_l("Time zone"), validators=[DataRequired()])

    def validate_timezone(self, field: SelectField) -> None:
        if not is_timezone(field.data or ""):
            raise ValidationError(_l("Please choose a time zone from the list."))


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Length(
                max=MAX_EMAIL, message=_l("An email address can be at most %(max)d characters.")
            ),
        ],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Please enter your password."))]
    )


class ForgotPasswordForm(FlaskForm):
    email = email_field(_l("Email address"))


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields(_l("New password"))


class PasswordChangeForm(FlaskForm):
    current_password = current_password_field()
    password, confirm = new_password_fields(_l("New password"))


class EmailChangeForm(FlaskForm):
    email = email_field(_l("New email address"))
    current_password = current_password_field()


class DeleteAccountForm(FlaskForm):
    current_password = current_password_field()
