"""Forms for classes and assignments. Messages go through gettext."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from course.i18n import LANGUAGES

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class ClassForm(FlaskForm):
    name = StringField(
        _l("Class name"),
        validators=[
            DataRequired(_l("Please give the class a name.")),
            Length(max=120, message=_l("A name can be at most %(max)d characters long.")),
        ],
    )
    description = TextAreaField(
        _l("Description (optional)"),
        validators=[Length(max=2000, message=_l("At most %(max)d characters, please."))],
    )
    default_lang = SelectField(
        _l("Default language"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()],
    )


class JoinForm(FlaskForm):
    code = StringField(
        _l("Join code"),
        validators=[
            DataRequired(_l("Please enter the code your instructor gave you.")),
            Length(max=20),
        ],
    )


class AssignmentForm(FlaskForm):
    target = SelectField(_l("What to assign"), validate_choice=True)
    opens = DateTimeLocalField(
        _l("Opens"),
        format=DATETIME_FORMAT,
        validators=[DataRequired(_l("Please give a date and time."))],
    )
    due = DateTimeLocalField(
        _l("Due"),
        format=DATETIME_FORMAT,
        validators=[DataRequired(_l("Please give a date and time."))],
    )
    max_attempts = IntegerField(
        _l("Attempts allowed (leave empty for unlimited)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=100, message=_l("Between %(min)d and %(max)d, please.")),
        ],
    )
    is_late_accepted = BooleanField(_l("Accept late work (it is marked as late)"), default=True)

    def validate_due(self, field: DateTimeLocalField) -> None:
        if self.opens.data and field.data and field.data <= self.opens.data:
            raise ValidationError(_l("The due date must come after the opening date."))
