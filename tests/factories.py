"""Factories for tests: people, classes, assignments, graded attempts and review cards."""

from datetime import timedelta

from course.accounts.users import create_user
from course.classes.models import Assignment, Class
from course.classes.rosters import join_class
from course.classes.rules import assignment_rules as rules_for_assignment
from course.extensions import db
from course.learners.current import learner_for_user
from course.learners.models import Learner
from course.quizzes.attempts import Reading, save_answers, start_attempt, submit_attempt
from course.quizzes.models import AttemptKind
from course.quizzes.rules import practice_rules
from course.spaced_review.models import CardKind, ReviewCard
from course.timeutil import utcnow
from tests.conftest import csrf_token


def sign_in(client, email, password="long password"):
    page = client.get("/en/login").get_data(as_text=True)
    client.post(
        "/en/login", data={"email": email, "password": password, "csrf_token": csrf_token(page)}
    )


def add_student(app, class_id, n, lang="en"):
    with app.app_context():
        user = create_user(f"s{n}@school.edu", f"Student {n:03d}", "long password", locale=lang)
        join_class(db.session.get(Class, class_id), user)
        return user.id


def add_assignment(app, class_id, **overrides):
    now = utcnow()
    values = {
        "module_id": "demo",
        "quiz_id": "demo-quiz",
        "opens_dt": now - timedelta(days=1),
        "due_dt": now + timedelta(days=7),
        "max_attempts": 2,
        "is_late_accepted": True,
    }
    values.update(overrides)
    with app.app_context():
        assignment = Assignment(class_id=class_id, **values)
        db.session.add(assignment)
        db.session.commit()
        return assignment.id


def stored(answers, lang="en"):
    """Answers to store as they are (in their stored shape), read by no question type."""
    return Reading(lang, answers=answers, problems={}, invalid={})


def graded_attempt(app, user_id, assignment_id, answers, lang="en", kind=AttemptKind.QUIZ):
    with app.app_context():
        catalog = app.extensions["catalog"]
        learner = learner_for_user(user_id)
        quiz = catalog.quizzes["demo-quiz"]
        if assignment_id is None:
            rules = practice_rules(quiz)
        else:
            rules = rules_for_assignment(db.session.get(Assignment, assignment_id), user_id)
        attempt = start_attempt(learner.id, quiz, catalog, rules, assignment_id, kind)
        save_answers(attempt, catalog, stored(answers, lang))
        submit_attempt(attempt, catalog)
        return attempt.id


def create_learner():
    """An anonymous learner (call inside an app context); its ID."""
    learner = Learner()
    db.session.add(learner)
    db.session.commit()
    return learner.id


def create_card(learner_id, kind=CardKind.QUESTION, item_id="q-single", **state):
    """A review card (call inside an app context), new unless `state` says otherwise."""
    state.setdefault("lesson_id", "first-lesson")
    card = ReviewCard(learner_id=learner_id, kind=kind, item_id=item_id, **state)
    db.session.add(card)
    db.session.commit()
    return card
