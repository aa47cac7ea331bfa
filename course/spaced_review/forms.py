"""The review settings form: retention as a percentage (no decimal separator to get wrong in any
locale), the daily allowance of new flashcards, and the flashcards' language pair."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from course.languages import languages
from course.spaced_review.models import ReviewSettings
from course.spaced_review.settings import DEFAULTS, NEW_PER_DAY_RANGE, RETENTION_RANGE

PAGE_LANGUAGE = ""  # the choice of a side that follows the page's language
_PERCENT = 100
RETENTION_PERCENT_RANGE = tuple(round(bound * _PERCENT) for bound in RETENTION_RANGE)
# i18n: under a number field of the review settings out of its range
_OUT_OF_RANGE = _l("Choose a whole number from %(min)s to %(max)s.")


class WholeNumberField(IntegerField):
    """A whole number whose "not a number" message is the course's, in every language (WTForms
    has no Vietnamese catalog)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(_l("Enter a whole number."))) from exc


def _part_choices() -> list[tuple[str, Any]]:
    return [("term", _l("The term")), ("definition", _l("Its definition"))]


def _language_choices() -> list[tuple[str, str]]:
    page = (PAGE_LANGUAGE, str(_l("The page's language")))
    return [page, *((code, lang.native_name) for code, lang in languages().items())]


class SettingsForm(FlaskForm):
    retention_percent = WholeNumberField(
        _l("Desired retention, in percent"),
        description=_l(
            "How likely you want to be to remember a card when it comes back, from 70 to 97. "
            "Higher means more frequent reviews; 90 suits most learners."
        ),
        validators=[
            InputRequired(),
            NumberRange(*RETENTION_PERCENT_RANGE, message=_OUT_OF_RANGE),
        ],
    )
    new_per_day = WholeNumberField(
        _l("New flashcards a day"),
        description=_l("Glossary terms of the lessons you have done, introduced a few a day."),
        validators=[
            InputRequired(),
            NumberRange(*NEW_PER_DAY_RANGE, message=_OUT_OF_RANGE),
        ],
    )
    is_every_answer = BooleanField(
        _l("Also review the questions I answered correctly"),
        description=_l("By default only the questions you got wrong or partly right come back."),
    )
    shown_lang = SelectField(_l("Language of the side shown"), validate_choice=True)
    shown_part = SelectField(_l("Side shown"))
    recalled_lang = SelectField(_l("Language of the side to recall"), validate_choice=True)
    recalled_part = SelectField(_l("Side to recall"))

    @classmethod
    def for_settings(cls, settings: ReviewSettings | None) -> "SettingsForm":
        """The form showing the learner's settings (the defaults if they have none)."""
        values = {name: getattr(settings, name) for name in DEFAULTS} if settings else DEFAULTS
        form = cls(
            data={
                "retention_percent": round(values["desired_retention"] * _PERCENT),
                "new_per_day": values["new_per_day"],
                "is_every_answer": values["is_every_answer"],
                "shown_lang": values["shown_lang"] or PAGE_LANGUAGE,
                "shown_part": values["shown_part"],
                "recalled_lang": values["recalled_lang"] or PAGE_LANGUAGE,
                "recalled_part": values["recalled_part"],
            }
        )
        for field in (form.shown_lang, form.recalled_lang):
            field.choices = _language_choices()
        for field in (form.shown_part, form.recalled_part):
            field.choices = _part_choices()
        return form

    def validate_recalled_part(self, field: SelectField) -> None:
        shown = (self.shown_lang.data, self.shown_part.data)
        if shown == (self.recalled_lang.data, field.data):
            raise ValidationError(_l("What you recall must differ from what is shown."))

    def changes(self, settings: ReviewSettings | None) -> dict[str, Any]:
        """The settings to save; a retention the page showed rounded stays as it was."""
        stored = settings.desired_retention if settings else DEFAULTS["desired_retention"]
        percent = self.retention_percent.data
        same = percent == round(stored * _PERCENT)
        return {
            "desired_retention": stored if same else percent / _PERCENT,
            "new_per_day": self.new_per_day.data,
            "is_every_answer": self.is_every_answer.data,
            "shown_lang": self.shown_lang.data or None,
            "shown_part": self.shown_part.data,
            "recalled_lang": self.recalled_lang.data or None,
            "recalled_part": self.recalled_part.data,
        }
