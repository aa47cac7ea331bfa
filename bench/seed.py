"""Realistic data for the benchmark, inserted in bulk through the app's own tables.

1,000 students (one argon2 hash shared by all, so that seeding takes seconds), one instructor,
10 classes (one of 500 students with 10 assignments, nine smaller ones with 5), about 50,000
submitted attempts with their answers (real question IDs and answers from the catalog, scored by
the app's scoring code), lesson completions, the open attempts that the answer-save and
submit measurements use, and review cards with their logs (states made by fsrs).

    DATABASE_URL=... python bench/seed.py        # migrates, then seeds an empty database
"""

import json
import random
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import fsrs
from sqlalchemy import Table, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.accounts.models import User  # noqa: E402
from course.accounts.passwords import hash_password  # noqa: E402
from course.classes.models import Assignment, Class, Enrollment  # noqa: E402
from course.content.catalog import Catalog, Question, Quiz  # noqa: E402
from course.content.question_types import QUESTION_TYPES  # noqa: E402
from course.extensions import db  # noqa: E402
from course.learners.models import Learner  # noqa: E402
from course.progress.models import LessonCompletion  # noqa: E402
from course.quizzes.attempts import draw_questions  # noqa: E402
from course.quizzes.forms import field_name  # noqa: E402
from course.quizzes.models import Answer, Attempt  # noqa: E402
from course.quizzes.scoring import score_answer  # noqa: E402
from course.spaced_review.models import ReviewCard, ReviewLog  # noqa: E402
from course.timeutil import utcnow  # noqa: E402

STUDENTS = 1000
BIG_CLASS_SIZE = 500
CLASSES = 10
BIG_CLASS_ASSIGNMENTS = 10
SMALL_CLASS_ASSIGNMENTS = 5
SUBMITTED_ATTEMPTS = 50_000
PASSWORD = "bench-Correct-Horse-42"  # noqa: S105 - a benchmark account's password
INSTRUCTOR_EMAIL = "instructor@bench.example"
SAVE_QUIZ = "foundations-quiz"  # each student has one open attempt here: the answer-save target

FIRST = (
    "An Bình Chi Dũng Hà Hải Hạnh Hoa Hùng Khánh Lan Linh Long Mai Minh Nam Ngọc Phương Quân "
    "Thảo Trang Tuấn Vy Alexei Anna Dmitri Elena Irina Ivan Maria Natalia Olga Pavel Sergei "
    "Svetlana Tatiana Yuri Alice Ben Chloe Daniel Emma George Hannah Jack Laura Oliver Sophie"
).split()
LAST = (
    "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Ivanov Petrova Smirnov Kuznetsova "
    "Popov Volkova Sokolov Lebedeva Novikov Morozova Smith Jones Brown Taylor Wilson Evans Clarke"
).split()
LANGS = ("en", "vi", "ru")


@dataclass
class Seeded:
    """What the benchmark needs to know about the data it seeded."""

    student_emails: list[str]
    instructor_email: str
    big_class_id: int
    class_of_student: dict[str, int]
    # Open attempts by student email: quiz ID -> {"id": attempt ID, "question_ids": [...]}.
    open_attempts: dict[str, dict[str, dict]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


class Ids:
    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        self.next[table] = self.next.get(table, 0) + 1
        return self.next[table]


def some_answer(question: Question, rng: random.Random, ability: float) -> Any:
    """A plausible stored answer: the key with probability `ability`, else a wrong one."""
    correct = rng.random() < ability
    return QUESTION_TYPES[question.type].sample_answer(question.data, rng, correct)


def form_fields(question: Question, answer: Any) -> list[tuple[str, str]]:
    """The form fields a browser sends for this stored answer (see course.quizzes.forms)."""
    if answer is None:
        return []
    name = field_name(question.id)
    pairs = QUESTION_TYPES[question.type].form_fields(question.data, answer)
    return [(name + suffix, value) for suffix, value in pairs]


def question_ids_for(quiz: Quiz, catalog: Catalog, rng: random.Random) -> list[str]:
    if quiz.draw:
        return draw_questions(catalog.question_pool(quiz), quiz.draw, rng)
    return [q.id for q in catalog.question_pool(quiz)]


def bulk_insert(table: Table, rows: list[dict[str, Any]]) -> None:
    """Many rows at once: COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    if db.engine.dialect.name == "postgresql":
        # COPY applies no defaults of the models (executemany below does): write them out.
        defaults = {
            c.name: c.default.arg
            for c in table.columns
            if c.name not in rows[0] and c.default is not None and c.default.is_scalar
        }
        rows = [{**defaults, **row} for row in rows] if defaults else rows
        columns = list(rows[0])
        json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
        raw = db.session.connection().connection.driver_connection
        with raw.cursor() as cursor:
            sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(
                        [json.dumps(row[c]) if c in json_columns else row[c] for c in columns]
                    )
    else:
        for start in range(0, len(rows), 20_000):
            db.session.execute(insert(table), rows[start : start + 20_000])


def make_attempt(
    ids: Ids,
    rng: random.Random,
    catalog: Catalog,
    quiz: Quiz,
    learner_id: int,
    lang: str,
    ability: float,
    started: datetime,
    assignment_id: int | None,
    *,
    answers_out: list[dict],
    submitted: bool = True,
) -> dict[str, Any]:
    attempt_id = ids.take("attempts")
    question_ids = question_ids_for(quiz, catalog, rng)
    questions = [catalog.questions[i] for i in question_ids]
    score = 0.0
    for question in questions:
        if rng.random() < 0.05:  # left unanswered
            continue
        answer = some_answer(question, rng, ability)
        points = score_answer(question, answer) if submitted else None
        score += points or 0.0
        answers_out.append(
            {
                "id": ids.take("answers"),
                "attempt_id": attempt_id,
                "question_id": question.id,
                "value": answer,
                "lang": lang,
                "saved_dt": started + timedelta(minutes=rng.randint(1, 20)),
                "score": points,
            }
        )
    max_score = sum(q.points for q in questions)
    submitted_dt = started + timedelta(minutes=rng.randint(5, 30)) if submitted else None
    return {
        "id": attempt_id,
        "learner_id": learner_id,
        "quiz_id": quiz.id,
        "assignment_id": assignment_id,
        "seed": rng.randrange(2**31),
        "question_ids": question_ids,
        "started_dt": started,
        "deadline_dt": None,
        "submitted_dt": submitted_dt,
        "revision": len(questions),
        "score": round(score, 4) if submitted else None,
        "max_score": max_score,
        "is_passed": (100 * score / max_score + 1e-9 >= quiz.pass_mark) if submitted else None,
        "is_late": False,
    }


RATING_WEIGHTS = (15, 15, 60, 10)  # later reviews: Again, Hard, Good, Easy


def review_cards(
    ids: Ids, rng: random.Random, catalog: Catalog, learner_id: int, done: list[str], now: datetime
) -> tuple[list[dict], list[dict]]:
    """A learner's review cards and their logs, their states made by fsrs from a made-up history:
    20–40 questions first missed (Again) or half right (Hard) 1–60 days ago, the glossary terms of
    the lessons done (half of them never reviewed yet), each reviewed again at most days after
    it fell due, so some are due now and some later."""
    scheduler = fsrs.Scheduler(
        learning_steps=(timedelta(minutes=1),), relearning_steps=(timedelta(minutes=10),)
    )
    cards, logs = [], []
    missed = rng.sample(list(catalog.questions.values()), rng.randint(20, 40))
    items = [("question", q.id, q.lesson_id, rng.choice((1, 2))) for q in missed]
    lesson_of_term: dict[str, str] = {}
    for lesson_id in (lid for lid in catalog.lessons if lid in done):
        for term in catalog.lessons[lesson_id].key_terms:
            lesson_of_term.setdefault(term, lesson_id)
    items += [("term", t, lid, rng.choice((None, 3))) for t, lid in lesson_of_term.items()]
    for kind, item_id, lesson_id, first_rating in items:
        card_id = ids.take("review_cards")
        created = now - timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 1440))
        card = fsrs.Card(card_id=card_id, due=created.replace(tzinfo=UTC))
        first = None
        rating, when = first_rating, created
        while rating is not None and when < now:
            card, _log = scheduler.review_card(card, fsrs.Rating(rating), when.replace(tzinfo=UTC))
            first = first or when
            logs.append(
                {
                    "id": ids.take("review_logs"),
                    "card_id": card_id,
                    "rating": rating,
                    "review_dt": when,
                    "duration_ms": None if when == first else rng.randint(2000, 30000),
                }
            )
            when = card.due.replace(tzinfo=None) + timedelta(hours=rng.randint(0, 72))
            rating = rng.choices((1, 2, 3, 4), RATING_WEIGHTS)[0] if rng.random() < 0.8 else None
        cards.append(
            {
                "id": card_id,
                "learner_id": learner_id,
                "kind": kind,
                "item_id": item_id,
                "lesson_id": lesson_id,
                "state": card.state.value,
                "step": card.step,
                "stability": card.stability,
                "difficulty": card.difficulty,
                "due_dt": card.due.replace(tzinfo=None),
                "first_review_dt": first,
                "last_review_dt": card.last_review and card.last_review.replace(tzinfo=None),
                "created_dt": created,
                "retired_dt": None,
            }
        )
    return cards, logs


def seed(catalog: Catalog, rng_seed: int = 20240501) -> Seeded:
    """Fill an empty, migrated database. Call inside an app context."""
    rng = random.Random(rng_seed)  # noqa: S311 - repeatable data, not secrets
    ids = Ids()
    now = utcnow()
    password_hash = hash_password(PASSWORD)
    quizzes = catalog.all_quizzes()

    users, learners, classes, enrollments, assignments = [], [], [], [], []
    users.append(
        {
            "id": ids.take("users"),
            "email": INSTRUCTOR_EMAIL,
            "name": "Bench Instructor",
            "password_hash": password_hash,
            "role": "instructor",
            "locale": "en",
            "timezone": "Asia/Ho_Chi_Minh",
            "created_dt": now - timedelta(days=200),
        }
    )
    instructor_id = users[0]["id"]
    students = []  # (user id, learner id, email, lang)
    for n in range(STUDENTS):
        user_id = ids.take("users")
        lang = rng.choices(LANGS, weights=(5, 3, 2))[0]
        email = f"student{n:04d}@bench.example"
        users.append(
            {
                "id": user_id,
                "email": email,
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "password_hash": password_hash,
                "role": "student",
                "locale": lang,
                "timezone": rng.choice(["UTC", "Asia/Ho_Chi_Minh", "Europe/Moscow"]),
                "created_dt": now - timedelta(days=rng.randint(30, 180)),
            }
        )
        learner_id = ids.take("learners")
        learners.append({"id": learner_id, "user_id": user_id, "created_dt": now})
        students.append((user_id, learner_id, email, lang))

    # Class 1 holds the first 500 students; the other 500 are shared among nine classes.
    class_of_student: dict[str, int] = {}
    class_assignments: dict[int, list[dict]] = {}
    members: dict[int, list[tuple]] = {}
    for c in range(CLASSES):
        class_id = ids.take("classes")
        classes.append(
            {
                "id": class_id,
                "instructor_id": instructor_id,
                "name": f"Digital diplomacy {2025 + c // 5}-{c + 1:02d}",
                "description": "",
                "default_lang": LANGS[c % 3],
                "join_code": f"BENCH{c:04d}",
                "created_dt": now - timedelta(days=120),
            }
        )
        count = BIG_CLASS_ASSIGNMENTS if c == 0 else SMALL_CLASS_ASSIGNMENTS
        class_assignments[class_id] = []
        for a in range(count):
            quiz = quizzes[a % len(quizzes)]
            opens = now - timedelta(days=100 - 9 * a)
            row = {
                "id": ids.take("assignments"),
                "class_id": class_id,
                "module_id": quiz.module_id,
                "quiz_id": quiz.id,
                "opens_dt": opens,
                "due_dt": opens + timedelta(days=14),
                "max_attempts": 3,
                "is_late_accepted": True,
                "created_dt": opens - timedelta(days=1),
            }
            assignments.append(row)
            class_assignments[class_id].append(row)
        members[class_id] = []
    class_ids = [c["id"] for c in classes]
    for n, student in enumerate(students):
        class_id = class_ids[0] if n < BIG_CLASS_SIZE else class_ids[1 + (n - BIG_CLASS_SIZE) % 9]
        members[class_id].append(student)
        class_of_student[student[2]] = class_id
        enrollments.append(
            {
                "id": ids.take("enrollments"),
                "class_id": class_id,
                "user_id": student[0],
                "joined_dt": now - timedelta(days=110),
            }
        )

    attempts: list[dict] = []
    answers: list[dict] = []
    new_attempt = partial(make_attempt, ids, rng, catalog, answers_out=answers)
    ability = {s[1]: rng.uniform(0.35, 0.95) for s in students}
    # Assignment attempts: 1 to 3 per student and assignment.
    for class_id, rows in class_assignments.items():
        for assignment in rows:
            quiz = catalog.quizzes[assignment["quiz_id"]]
            for _user_id, learner_id, _email, lang in members[class_id]:
                for _k in range(rng.choice((1, 1, 2, 3))):
                    started = assignment["opens_dt"] + timedelta(hours=rng.randint(1, 400))
                    attempts.append(
                        new_attempt(
                            quiz, learner_id, lang, ability[learner_id], started, assignment["id"]
                        )
                    )
    # Self-study attempts up to about 50,000 submitted ones in all.
    while len(attempts) < SUBMITTED_ATTEMPTS:
        _user_id, learner_id, _email, lang = rng.choice(students)
        quiz = rng.choice(quizzes)
        started = now - timedelta(days=rng.randint(1, 90), minutes=rng.randint(0, 1440))
        attempts.append(new_attempt(quiz, learner_id, lang, ability[learner_id], started, None))
    submitted_count = len(attempts)

    # One open self-study attempt per student and quiz, answers already saved: the answer-save
    # measurement uses those at SAVE_QUIZ, the submit measurement the others.
    open_attempts: dict[str, dict[str, dict]] = {}
    for _user_id, learner_id, email, lang in students:
        open_attempts[email] = {}
        for quiz in quizzes:
            row = new_attempt(
                quiz, learner_id, lang, 0.8, now - timedelta(minutes=10), None, submitted=False
            )
            attempts.append(row)
            open_attempts[email][quiz.id] = {"id": row["id"], "question_ids": row["question_ids"]}

    completions, cards, logs = [], [], []
    for _user_id, learner_id, _email, _lang in students:
        done = [lid for lid in catalog.lessons if rng.random() < 0.7]
        learner_cards, learner_logs = review_cards(ids, rng, catalog, learner_id, done, now)
        cards += learner_cards
        logs += learner_logs
        for lesson_id in done:
            completions.append(
                {
                    "id": ids.take("lesson_completions"),
                    "learner_id": learner_id,
                    "lesson_id": lesson_id,
                    "completed_dt": now - timedelta(days=rng.randint(1, 100)),
                }
            )

    for model, rows in (
        (User, users),
        (Learner, learners),
        (Class, classes),
        (Enrollment, enrollments),
        (Assignment, assignments),
        (Attempt, attempts),
        (Answer, answers),
        (LessonCompletion, completions),
        (ReviewCard, cards),
        (ReviewLog, logs),
    ):
        bulk_insert(model.__table__, rows)
    _reset_sequences()
    db.session.commit()
    return Seeded(
        student_emails=[s[2] for s in students],
        instructor_email=INSTRUCTOR_EMAIL,
        big_class_id=class_ids[0],
        class_of_student=class_of_student,
        open_attempts=open_attempts,
        counts={
            "users": len(users),
            "classes": len(classes),
            "assignments": len(assignments),
            "submitted_attempts": submitted_count,
            "open_attempts": len(attempts) - submitted_count,
            "answers": len(answers),
            "lesson_completions": len(completions),
            "review_cards": len(cards),
            "review_logs": len(logs),
        },
    )


def _reset_sequences() -> None:
    """Explicit IDs were inserted: move PostgreSQL's sequences past them."""
    if db.engine.dialect.name != "postgresql":
        return
    tables = ("users", "learners", "classes", "enrollments", "assignments", "attempts")
    for table in (*tables, "answers", "lesson_completions", "review_cards", "review_logs"):
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )
        )
    db.session.execute(text("ANALYZE"))


def add_burst_assignment(class_ids: list[int], quiz_id: str, catalog: Catalog) -> dict[int, int]:
    """A one-attempt assignment of `quiz_id` in each class, open now: class ID -> its ID."""
    now = utcnow()
    quiz = catalog.quizzes[quiz_id]
    created = {}
    for class_id in class_ids:
        assignment = Assignment(
            class_id=class_id,
            module_id=quiz.module_id,
            quiz_id=quiz.id,
            opens_dt=now - timedelta(hours=1),
            due_dt=now + timedelta(days=7),
            max_attempts=1,
            is_late_accepted=False,
        )
        db.session.add(assignment)
        db.session.flush()
        created[class_id] = assignment.id
    db.session.commit()
    return created


def main() -> None:
    import time

    from flask_migrate import upgrade

    from course import create_app

    app = create_app()
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        seeded = seed(app.extensions["catalog"])
        print(json.dumps(seeded.counts), f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
