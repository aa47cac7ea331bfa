"""Forms for classes and assignments. Messages go through gettext."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from course.classes.labels import GRADING_LABELS, REVIEW_PART_LABELS, REVIEW_TIME_LABELS
from course.classes.models import GRADING_METHODS
from course.content.review_options import ASSIGNMENT_REVIEW, REVIEW_TIMES, ReviewOptions
from course.languages import languages

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
        choices=lambda: [
            SelectChoice(code, language.native_name) for code, language in languages().items()
        ],
    )


class JoinForm(FlaskForm):
    code = StringField(
        _l("Join code"),
        validators=[
            DataRequired(_l("Please enter the code your instructor gave you.")),
            Length(max=20),
        ],
    )


def _optional_count(label, most: int, **extra) -> IntegerField:
    """An optional whole number from 1 to `most`: minutes or attempts."""
    between = NumberRange(min=1, max=most, message=_l("Between %(min)d and %(max)d, please."))
    return IntegerField(label, validators=[Optional(), between], **extra)


def _review_field(part: str) -> SelectField:
    return SelectField(
        REVIEW_PART_LABELS[part],
        choices=[SelectChoice(t, REVIEW_TIME_LABELS[t]) for t in REVIEW_TIMES],
        default=getattr(ASSIGNMENT_REVIEW, part),
        validate_choice=True,
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
    max_attempts = _optional_count(_l("Attempts allowed (leave empty for unlimited)"), 100)
    is_late_accepted = BooleanField(_l("Accept late work (it is marked as late)"), default=True)
    closes = DateTimeLocalField(
        _l("Closes (optional)"),
        format=DATETIME_FORMAT,
        validators=[Optional()],
        description=_l(
            "After it no attempt can be started, late or not; without one, an assignment that "
            "refuses late work closes at its due date."
        ),
    )
    time_limit_minutes = _optional_count(
        _l("Time limit in minutes (optional)"),
        600,
        description=_l(
            "An attempt never runs past the closing date, or the due date when late work is "
            "refused."
        ),
    )
    grading_method = SelectField(
        _l("How the grade is made"),
        choices=[SelectChoice(m, GRADING_LABELS[m]) for m in GRADING_METHODS],
        default="best",
        validate_choice=True,
    )
    per_page = SelectField(
        _l("Questions on each page of an attempt"),
        choices=lambda: [
            SelectChoice("", _l("As the quiz says")),
            SelectChoice("1", _l("One question")),
            SelectChoice("5", _l("Five questions")),
            SelectChoice("all", _l("All questions on one page")),
        ],
        default="",
        validate_choice=True,
        description=_l("On a small screen a student may still choose one question at a time."),
    )
    review_score = _review_field("score")
    review_correctness = _review_field("correctness")
    review_key = _review_field("key")
    review_explanations = _review_field("explanations")

    def validate_due(self, field: DateTimeLocalField) -> None:
        if self.opens.data and field.data and field.data <= self.opens.data:
            raise ValidationError(_l("The due date must come after the opening date."))

    def validate_closes(self, field: DateTimeLocalField) -> None:
        if self.due.data and field.data and field.data < self.due.data:
            raise ValidationError(_l("The closing date cannot come before the due date."))

    def review_fields(self) -> list[SelectField]:
        return [self[f"review_{part}"] for part in ReviewOptions.parts()]

    def means_never(self) -> bool:
        """ "After it closes" chosen where the assignment never closes: late work, no closing."""
        never_closes = self.is_late_accepted.data and not self.closes.data
        return never_closes and any(f.data == "after_close" for f in self.review_fields())


class ExceptionForm(FlaskForm):
    """More time or attempts for one student; both empty clears the exception."""

    extra_minutes = _optional_count(_l("Extra minutes for each attempt"), 600)
    extra_attempts = _optional_count(_l("Extra attempts"), 100)
    save = SubmitField(_l("Save the exception"))
    clear = SubmitField(_l("Remove the exception"))


def _finite(form: FlaskForm, field: DecimalField) -> None:
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_l("Please give a grade from 0 to 100."))


class OverrideForm(FlaskForm):
    """A grade set by hand, with the reason the student will read."""

    percent = DecimalField(
        _l("Grade in percent"),
        places=None,
        validators=[
            InputRequired(_l("Please give a grade from 0 to 100.")),
            _finite,
            NumberRange(min=0, max=100, message=_l("Between %(min)d and %(max)d, please.")),
        ],
    )
    comment = TextAreaField(
        _l("Comment for the student"),
        validators=[Length(max=2000, message=_l("At most %(max)d characters, please."))],
    )
    save = SubmitField(_l("Set the grade"))
    clear = SubmitField(_l("Go back to the computed grade"))
