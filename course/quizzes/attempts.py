"""Attempts: start, save answers as the learner goes, submit once."""

import random
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import lazyload

from course.content.access import get_catalog
from course.content.catalog import Catalog, Question, Quiz
from course.database import prepare_to_write
from course.extensions import db
from course.learners.models import Learner
from course.quizzes.models import Answer, Attempt
from course.quizzes.review import with_scores_shown
from course.quizzes.rules import AttemptRules, rules_for
from course.quizzes.scoring import answer_problem, grade
from course.timeutil import utcnow

_system_random = random.SystemRandom()
# Answers sent this long after a time limit still count: the network is not instant.
GRACE = timedelta(seconds=30)


def open_attempt(learner_id: int, quiz_id: str, assignment_id: int | None = None) -> Attempt | None:
    """The learner's unfinished attempt at this quiz (for this assignment, or for practice)."""
    return db.session.scalar(
        select(Attempt)
        .where(
            Attempt.learner_id == learner_id,
            Attempt.quiz_id == quiz_id,
            Attempt.assignment_id.is_(None)
            if assignment_id is None
            else Attempt.assignment_id == assignment_id,
            Attempt.submitted_dt.is_(None),
        )
        .options(lazyload(Attempt.answers))
    )


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
    learner_id: int, quiz: Quiz, catalog: Catalog, rules: AttemptRules, assignment_id: int | None
) -> Attempt | None:
    """The learner's unfinished attempt to go on with; one whose time is up is submitted as
    it was saved (in this transaction, under the caller's lock) and None is returned."""
    now = utcnow()
    existing = open_attempt(learner_id, quiz.id, assignment_id)
    if existing is None or not existing.is_past_deadline(now):
        return existing
    _grade(existing, catalog, rules, _submission_time(existing, now))
    db.session.flush()
    return None


def start_attempt(
    learner_id: int,
    quiz: Quiz,
    catalog: Catalog,
    rules: AttemptRules,
    assignment_id: int | None = None,
) -> Attempt:
    """Resume the learner's unfinished attempt at this quiz, or start a new one."""
    lock_learners_attempts(learner_id)
    if existing := resume_attempt(learner_id, quiz, catalog, rules, assignment_id):
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
        started_dt=now,
        deadline_dt=rules.deadline(now),
        seed=seed,
        question_ids=pool,
        max_score=sum(catalog.questions[i].points for i in pool),
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt


def draw_questions(pool: list[Question], count: int, rng: random.Random) -> list[str]:
    """`count` questions at random, never two that test the same fact."""
    shuffled = pool[:]
    rng.shuffle(shuffled)
    drawn: list[Question] = []
    for question in shuffled:
        if len(drawn) == count:
            break
        if not any(_overlap(question, other) for other in drawn):
            drawn.append(question)
    return [q.id for q in drawn]


def _overlap(first: Question, second: Question) -> bool:
    return second.id in first.overlaps or first.id in second.overlaps


def attempt_questions(attempt: Attempt, catalog: Catalog) -> list[Question]:
    """The attempt's questions that still exist in the course."""
    return [catalog.questions[i] for i in attempt.question_ids if i in catalog.questions]


def stored_answers(attempt: Attempt) -> dict[str, Any]:
    return {a.question_id: a.value for a in attempt.answers}


class StaleAnswers(Exception):
    """The page that sent these answers is older than the answers stored since."""


class AttemptClosed(Exception):
    """The attempt was submitted, or its time is up: answers can no longer change."""


def save_answers(
    attempt: Attempt,
    answers: Mapping[str, Any],
    lang: str,
    revision: int | None = None,
    now: datetime | None = None,
) -> int:
    """Store the given answers (None clears one) and return the attempt's new revision.

    With `revision` (what the page was showing), a page older than the stored answers is refused
    rather than allowed to overwrite newer ones.
    """
    prepare_to_write()
    _reload(attempt, lock=True)
    if attempt.is_submitted or attempt.is_past_deadline(now or utcnow(), GRACE):
        db.session.rollback()
        raise AttemptClosed
    if revision is not None and revision != attempt.revision:
        db.session.rollback()
        raise StaleAnswers
    if _apply_answers(attempt, answers, lang):
        attempt.revision += 1
    db.session.commit()
    return attempt.revision


def _reload(attempt: Attempt, *, lock: bool = False) -> None:
    """Read the attempt's row again (locking it, so that its answers change one save at a time)
    and its answers only if they changed meanwhile: every change moves the revision on."""
    loaded_revision = attempt.revision
    db.session.refresh(attempt, ["revision", "submitted_dt", "deadline_dt"], with_for_update=lock)
    if attempt.revision != loaded_revision:
        db.session.refresh(attempt, ["answers"])


def _apply_answers(attempt: Attempt, answers: Mapping[str, Any], lang: str) -> bool:
    existing = {a.question_id: a for a in attempt.answers}
    changed = False
    for question_id, value in answers.items():
        answer = existing.get(question_id)
        if value is None:
            if answer is not None:
                attempt.answers.remove(answer)
                changed = True
        elif answer is None:
            attempt.answers.append(Answer(question_id=question_id, value=value, lang=lang))
            changed = True
        elif answer.value != value:
            answer.value, answer.lang = value, lang
            changed = True
    return changed


def submission_problems(attempt: Attempt, catalog: Catalog, lang: str) -> dict[str, str]:
    """Answers that must be fixed before submitting, by question ID."""
    answers = stored_answers(attempt)
    problems = {}
    for question in attempt_questions(attempt, catalog):
        if (message := answer_problem(question, answers.get(question.id), lang)) is not None:
            problems[question.id] = message
    return problems


def submit_attempt(attempt: Attempt, catalog: Catalog, rules: AttemptRules) -> None:
    """Grade the attempt once; submitting again (another tab, a double click) changes nothing."""
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
        return
    _reload(attempt)
    _grade(attempt, catalog, rules, now)
    db.session.commit()


def submit_if_expired(attempt: Attempt, catalog: Catalog) -> bool:
    """Submit, as it was saved, an unfinished attempt whose time is up; say if it was.

    Its rules are looked up only then: every view of an attempt asks this first.
    """
    if attempt.is_submitted or not attempt.is_past_deadline(utcnow()):
        return False
    submit_attempt(attempt, catalog, rules_for(attempt, catalog.quizzes[attempt.quiz_id]))
    return True


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
    """A learner's submitted attempts whose score they may see now, for their summaries
    (their answers are loaded only if used)."""
    query = (
        select(Attempt)
        .where(Attempt.learner_id == learner_id, Attempt.submitted_dt.is_not(None))
        .options(lazyload(Attempt.answers))
    )
    if quiz_id:
        query = query.where(Attempt.quiz_id == quiz_id)
    attempts = db.session.scalars(query.order_by(Attempt.submitted_dt))
    return with_scores_shown(attempts, get_catalog(), utcnow())
