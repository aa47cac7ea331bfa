"""Sign-up and sign-in forms. Messages go through gettext: WTForms has no Vietnamese catalog."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from course.accounts.passwords import is_common_password
from course.timeutil import is_timezone

MIN_PASSWORD = 8
MAX_PASSWORD = 128


def not_common(form: FlaskForm, field: PasswordField) -> None:
    if field.data and is_common_password(field.data):
        raise ValidationError(
            _l("This password is among the most common ones and easy to guess. Choose another.")
        )


class RegisterForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[
            DataRequired(_l("Please enter your name.")),
            Length(max=100, message=_l("A name can be at most %(max)d characters long.")),
        ],
    )
    email = EmailField(
        _l("Email address"),
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Email(_l("This does not look like an email address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    password = PasswordField(
        _l("Password"),
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
        _l("Email address"), validators=[DataRequired(_l("Please enter your email address."))]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Please enter your password."))]
    )
