"""Review settings: the defaults, what saving accepts and refuses, the flashcards' sides."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from course.extensions import db
from course.spaced_review.models import ReviewSettings
from course.spaced_review.settings import (
    FlashcardSides,
    flashcard_sides,
    save_settings,
    settings_for,
)
from tests.factories import create_learner


@pytest.fixture
def learner(app):
    with app.app_context():
        yield create_learner()


def test_a_learner_without_settings_has_the_defaults(learner):
    settings = settings_for(learner)
    assert (settings.desired_retention, settings.new_per_day, settings.is_every_answer) == (
        0.9,
        10,
        False,
    )
    assert db.session.get(ReviewSettings, learner) is None


def test_saved_settings_are_kept(learner):
    save_settings(learner, desired_retention=0.85, new_per_day=0, shown_lang="vi")
    db.session.expire_all()
    stored = settings_for(learner)
    assert (stored.desired_retention, stored.new_per_day, stored.shown_lang) == (0.85, 0, "vi")
    assert stored.recalled_part == "definition"


@pytest.mark.parametrize(
    "fields",
    [
        {"desired_retention": 0.69},
        {"desired_retention": 0.98},
        {"desired_retention": float("nan")},
        {"desired_retention": "0.9"},
        {"new_per_day": -1},
        {"new_per_day": 101},
        {"new_per_day": 2.5},
        {"new_per_day": True},
        {"is_every_answer": "yes"},
        {"shown_lang": "fr"},
        {"recalled_part": "example"},
        {"shown_part": "definition", "recalled_part": "definition"},
        {"shown_lang": "ru", "recalled_lang": "ru", "recalled_part": "term"},
        {"colour": "blue"},
    ],
)
def test_out_of_range_values_and_identical_sides_are_refused(learner, fields):
    with pytest.raises(ValueError, match=r"\w"):
        save_settings(learner, **fields)
    assert db.session.get(ReviewSettings, learner) is None


@hypothesis_settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    retention=st.one_of(st.floats(allow_nan=True), st.integers(), st.none(), st.text()),
    per_day=st.one_of(st.integers(), st.floats(), st.none(), st.booleans()),
)
def test_any_value_is_saved_only_within_its_range(learner, retention, per_day):
    fields = {"desired_retention": retention, "new_per_day": per_day}
    try:
        saved = save_settings(learner, **fields)
    except ValueError:
        db.session.rollback()
        return
    assert 0.7 <= saved.desired_retention <= 0.97
    assert 0 <= saved.new_per_day <= 100


def test_flashcard_sides_follow_the_page_unless_chosen(learner):
    defaults = settings_for(learner)
    assert flashcard_sides(defaults, "ru") == FlashcardSides("ru", "term", "ru", "definition")
    pair = save_settings(learner, shown_lang="vi", shown_part="term", recalled_part="term")
    assert flashcard_sides(pair, "en") == FlashcardSides("vi", "term", "en", "term")
    # On a Vietnamese page the same sides would show: the definition is recalled instead.
    assert flashcard_sides(pair, "vi") == FlashcardSides("vi", "term", "vi", "definition")
