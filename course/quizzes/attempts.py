"""The attempts service: start, load, save, submit an attempt and see its result.

The pages (course/quizzes/views.py) and the API (course/api/views.py) are adapters over these
functions: they read the request, call one of them, and turn its outcome into HTML or JSON, so
that both behave the same. Each function takes its locks and prepares its writes itself
(see course.database). The rules of an attempt come from its caller: `start_attempt` takes
them, and an existing attempt's are asked of `rules_for` (the app registers their source).
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import force_locale
from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import lazyload

from course.content.access import get_catalog
from course.content.catalog import Catalog, Question, Quiz
from course.content.question_types import QUESTION_TYPES, AnswerProblem, InvalidAnswer
from course.database import prepare_to_write
from course.extensions import db
from course.hooks import hooks
from course.learners.models import Learner
from course.quizzes.answer_rows import lock_attempt, write_answers
from course.quizzes.models import COUNTED, Attempt, AttemptKind
from course.quizzes.questions import attempt_questions, draw_questions, stored_answers
from course.quizzes.results import QuestionResult, question_results
from course.quizzes.review import Review, review_of, with_scores_shown
from course.quizzes.rules import AttemptRules, rules_for
from course.quizzes.scoring import grade
from course.timeutil import utcnow

_system_random = random.SystemRandom()
# Answers sent this long after a time limit still count: the network is not instant.
GRACE = timedelta(seconds=30)
# Called with an attempt once it is submitted and committed (by `submit_attempt`, or as a
# timed-out attempt `start_attempt` found): spaced review makes cards of its answers.
SUBMITTED = "quizzes.submitted"


def _open_attempt_statement(for_assignment: bool) -> Select:
    return (
        select(Attempt)
        .where(
            Attempt.learner_id == bindparam("learner_id"),
            Attempt.quiz_id == bindparam("quiz_id"),
            Attempt.kind == bindparam("kind"),
            Attempt.assignment_id == bindparam("assignment_id")
            if for_assignment
            else Attempt.assignment_id.is_(None),
            Attempt.submitted_dt.is_(None),
        )
        .options(lazyload(Attempt.answers))
    )


# Built once, for an assignment's attempt and for one outside any: most learners' pages ask.
_OPEN_ATTEMPT = {shape: _open_attempt_statement(shape) for shape in (False, True)}


def open_attempt(
    learner_id: int,
    quiz_id: str,
    assignment_id: int | None = None,
    kind: AttemptKind = AttemptKind.QUIZ,
) -> Attempt | None:
    """The learner's unfinished attempt of this kind at this quiz (for this assignment, or for
    practice)."""
    values = {"learner_id": learner_id, "quiz_id": quiz_id, "kind": kind}
    if assignment_id is not None:
        values["assignment_id"] = assignment_id
    return db.session.scalar(_OPEN_ATTEMPT[assignment_id is not None], values)


def lock_learners_attempts(learner_id: int) -> None:
    """Let this request alone start the learner's attempts until it commits.

    Two starts at once (a double click, two tabs) would otherwise both find no unfinished
    attempt and make one each; on PostgreSQL the learner's row is locked, on SQLite the
    write lock does it. (NO KEY UPDATE: rows that only refer to the learner are not held up.)
    """
    prepare_to_write()
    learner = select(Learner.id).where(Learner.id == learner_id)
    db.session.execute(learner.with_for_update(key_share=True))


def resume_attempt(
    learner_id: int,
    quiz: Quiz,
    catalog: Catalog,
    rules: AttemptRules,
    assignment_id: int | None,
    kind: AttemptKind = AttemptKind.QUIZ,
) -> tuple[Attempt | None, Attempt | None]:
    """The learner's unfinished attempt to go on with, and the one whose time was up, submitted
    as it was saved (in this transaction, under the caller's lock): the caller announces it
    (`announce_submitted`) once it has committed."""
    return _resume(learner_id, quiz, catalog, rules, assignment_id, kind)


def _resume(
    learner_id: int,
    quiz: Quiz,
    catalog: Catalog,
    rules: AttemptRules,
    assignment_id: int | None,
    kind: AttemptKind,
) -> tuple[Attempt | None, Attempt | None]:
    """The unfinished attempt to go on with, and the one submitted now because its time was
    up (at most one of them)."""
    now = utcnow()
    existing = open_attempt(learner_id, quiz.id, assignment_id, kind)
    if existing is None or not existing.is_past_deadline(now):
        return existing, None
    _grade(existing, catalog, rules, _submission_time(existing, now))
    db.session.flush()
    return None, existing


def start_attempt(
    learner_id: int,
    quiz: Quiz,
    catalog: Catalog,
    rules: AttemptRules,
    assignment_id: int | None = None,
    kind: AttemptKind = AttemptKind.QUIZ,
) -> Attempt:
    """Resume the learner's unfinished attempt of this kind at this quiz, or start a new one."""
    lock_learners_attempts(learner_id)
    existing, timed_out = _resume(learner_id, quiz, catalog, rules, assignment_id, kind)
    if existing is not None:
        return existing
    now = utcnow()
    pool = [q.id for q in catalog.question_pool(quiz)]
    seed = _system_random.randrange(2**31)
    if quiz.draw:
        # Drawing questions needs repeatability, not secrecy.
        rng = random.Random(seed)  # noqa: S311
        pool = draw_questions(catalog.question_pool(quiz), quiz.draw, rng)
    attempt = Attempt(
        learner_id=learner_id,
        quiz_id=quiz.id,
        assignment_id=assignment_id,
        kind=kind,
        started_dt=now,
        deadline_dt=rules.deadline(now),
        seed=seed,
        question_ids=pool,
        max_score=sum(catalog.questions[i].points for i in pool),
    )
    db.session.add(attempt)
    db.session.commit()
    if timed_out is not None:
        announce_submitted(timed_out)
    return attempt


def announce_submitted(attempt: Attempt) -> None:
    """Tell the packages that take part (SUBMITTED) that this attempt was just submitted."""
    for handler in hooks(SUBMITTED):
        handler(attempt)


class StaleAnswers(Exception):
    """The page that sent these answers is older than the answers stored since."""


class AttemptClosed(Exception):
    """The attempt was submitted, or its time is up: answers can no longer change.

    `timed_out`: its time was up, and it was submitted just now as it had been saved.
    """

    def __init__(self, timed_out: bool) -> None:
        super().__init__("timed out" if timed_out else "submitted")
        self.timed_out = timed_out


@dataclass(frozen=True)
class Reading:
    """What the question types made of posted values, by question ID."""

    lang: str
    answers: dict[str, Any]  # to store; None clears the question's answer
    problems: dict[str, str]  # for the learner to fix: not stored
    invalid: dict[str, str]  # of the wrong shape (a forged form, a faulty client): not stored


def read_answers(questions: list[Question], posted: Mapping[str, Any], lang: str) -> Reading:
    """Read each posted value (None: nothing) with its question's type, once; problems are told
    in `lang`, the language the learner answered in."""
    by_id = {q.id: q for q in questions}
    reading = Reading(lang, answers={}, problems={}, invalid={})
    with force_locale(lang):
        for question_id, value in posted.items():
            question = by_id[question_id]
            try:
                reading.answers[question_id] = _read(question, value, lang)
            except AnswerProblem as problem:
                reading.problems[question_id] = problem.message
            except InvalidAnswer as exc:
                reading.invalid[question_id] = str(exc)
    return reading


def _read(question: Question, value: Any, lang: str) -> Any:
    if value is None:
        return None
    return QUESTION_TYPES[question.type].read(question.data, value, lang)


def save_answers(
    attempt: Attempt,
    catalog: Catalog,
    reading: Reading,
    revision: int | None = None,
    now: datetime | None = None,
) -> int:
    """Store the answers read (those with problems are not) and return the new revision.

    With `revision` (what the page was showing), a page older than the stored answers is refused
    (StaleAnswers) rather than allowed to overwrite newer ones. Answers sent after submission,
    or more than GRACE after the time limit, are refused (AttemptClosed); an attempt whose time
    is up is then submitted as it was saved.
    """
    prepare_to_write()
    lock_attempt(attempt)
    if attempt.is_submitted or attempt.is_past_deadline(now or utcnow(), GRACE):
        db.session.rollback()
        raise AttemptClosed(timed_out=submit_attempt(attempt, catalog))
    if revision is not None and revision != attempt.revision:
        db.session.rollback()
        raise StaleAnswers
    write_answers(attempt, reading.answers, reading.lang)
    db.session.commit()
    return attempt.revision


def _reload(attempt: Attempt) -> None:
    """Read the attempt's row again, and its answers only if they were loaded and changed
    meanwhile: every change moves the revision on."""
    loaded_revision = attempt.revision
    db.session.refresh(attempt, ["revision", "submitted_dt", "deadline_dt"])
    if attempt.revision != loaded_revision and "answers" in attempt.__dict__:
        db.session.refresh(attempt, ["answers"])


def submit_attempt(attempt: Attempt, catalog: Catalog) -> bool:
    """Grade the attempt once, as it was saved; say if this call did.

    Submitting again (another tab, a double click) changes nothing.
    """
    prepare_to_write()  # from a page that only reads, too: an attempt whose time is up
    now = _submission_time(attempt, utcnow())
    claimed = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.submitted_dt.is_(None))
        .values(submitted_dt=now)
    ).rowcount
    if not claimed:
        db.session.rollback()
        db.session.refresh(attempt)
        return False
    _reload(attempt)
    # Its rules are looked up only now: every view of an attempt loads it first.
    _grade(attempt, catalog, rules_for(attempt, catalog.quizzes[attempt.quiz_id]), now)
    db.session.commit()
    announce_submitted(attempt)
    return True


def load_attempt(attempt: Attempt, catalog: Catalog) -> bool:
    """Bring the attempt up to date before showing it: an unfinished one whose time is up is
    submitted as it was saved, at its deadline. Say if that happened now."""
    if attempt.is_submitted or not attempt.is_past_deadline(utcnow()):
        return False
    return submit_attempt(attempt, catalog)


@dataclass(frozen=True)
class AttemptResult:
    """A submitted attempt as its learner may see it now."""

    review: Review
    questions: list[QuestionResult]


def attempt_result(attempt: Attempt, catalog: Catalog, lang: str) -> AttemptResult:
    review = review_of(attempt, catalog.quizzes[attempt.quiz_id], utcnow())
    return AttemptResult(review, question_results(attempt, catalog, lang, review))


def _submission_time(attempt: Attempt, now: datetime) -> datetime:
    """An attempt whose time ran out counts as submitted when it did, however late it is seen."""
    if attempt.deadline_dt is not None and now > attempt.deadline_dt:
        return attempt.deadline_dt
    return now


def _grade(attempt: Attempt, catalog: Catalog, rules: AttemptRules, submitted: datetime) -> None:
    """Submit the attempt as it was saved, at `submitted`."""
    score_attempt(attempt, catalog)
    attempt.submitted_dt = submitted
    attempt.is_late = rules.is_late(submitted)


def score_attempt(attempt: Attempt, catalog: Catalog) -> None:
    """Score the attempt's answers with the current keys (answers that cannot be read score
    nothing): at submission, and again after a key is corrected."""
    result = grade(attempt_questions(attempt, catalog), stored_answers(attempt))
    for answer in attempt.answers:
        answer.score = result.per_question.get(answer.question_id, 0.0)
    attempt.score = result.score
    attempt.max_score = result.max_score
    attempt.is_passed = result.is_passed(catalog.quizzes[attempt.quiz_id].pass_mark)


def submitted_attempts(learner_id: int, quiz_id: str | None = None) -> list[Attempt]:
    """A learner's submitted quiz attempts whose score they may see now, for their summaries
    (their answers are loaded only if used)."""
    query = (
        select(Attempt)
        .where(Attempt.learner_id == learner_id, Attempt.submitted_dt.is_not(None), COUNTED)
        .options(lazyload(Attempt.answers))
    )
    if quiz_id:
        query = query.where(Attempt.quiz_id == quiz_id)
    attempts = db.session.scalars(query.order_by(Attempt.submitted_dt))
    return with_scores_shown(attempts, get_catalog(), utcnow())
