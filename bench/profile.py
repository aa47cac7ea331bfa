"""Profile one endpoint in-process with pyinstrument, against a seeded database.

    DATABASE_URL=sqlite:////tmp/bench.sqlite .venv/bin/python bench/seed.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite .venv/bin/python bench/profile.py progress [N]

Endpoints: lesson, lesson-anon, quiz, progress, save, gradebook, analysis, login.
"""

import random
import sys
import time
from pathlib import Path

from pyinstrument import Profiler
from werkzeug.datastructures import MultiDict

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import seed as seeding  # noqa: E402
from course import create_app  # noqa: E402
from course.accounts.users import find_user  # noqa: E402
from course.learners.current import learner_for_user  # noqa: E402
from course.quizzes.attempts import open_attempt  # noqa: E402
from course.security import limiter  # noqa: E402


def main() -> None:
    name = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    limiter.enabled = False
    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = False
    catalog = app.extensions["catalog"]
    client = app.test_client()
    email = seeding.INSTRUCTOR_EMAIL if name in ("gradebook", "analysis") else None
    email = email or "student0001@bench.example"
    if name != "lesson-anon":
        response = client.post("/en/login", data={"email": email, "password": seeding.PASSWORD})
        assert response.status_code == 302, response.status_code  # noqa: S101
    lesson = next(iter(catalog.lessons))
    paths = {
        "lesson": f"/en/lessons/{lesson}",
        "lesson-anon": f"/en/lessons/{lesson}",
        "quiz": "/en/quizzes/foundations-quiz",
        "progress": "/en/progress",
        "gradebook": "/en/teaching/classes/1/gradebook",
        "analysis": "/en/teaching/classes/1/quizzes/final-exam/analysis",
    }

    if name == "save":
        with app.app_context():
            attempt = open_attempt(learner_for_user(find_user(email).id).id, seeding.SAVE_QUIZ)
            questions = [catalog.questions[q] for q in attempt.question_ids]
            rng = random.Random(1)  # noqa: S311 - sample answers, not secrets
            fields = MultiDict(
                [
                    pair
                    for q in questions
                    for pair in seeding.form_fields(q, seeding.some_answer(q, rng, 0.5))
                ]
            )
        paths["save"] = f"/en/attempts/{attempt.id}"

    def request():
        if name == "save":
            return client.post(paths["save"], data=fields, headers={"X-Autosave": "1"})
        if name == "login":
            return client.post(
                "/en/login",
                data={"email": "student0002@bench.example", "password": seeding.PASSWORD},
            )
        return client.get(paths[name])

    request()  # warm
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        request()
    print(
        f"{name}: {(time.perf_counter() - started) / count * 1000:.1f} ms per request, "
        f"{(time.process_time() - cpu) / count * 1000:.1f} ms of CPU (no profiler)"
    )
    profiler = Profiler(interval=0.0005)
    started, cpu = time.perf_counter(), time.process_time()
    with profiler:
        for _ in range(count):
            response = request()
    elapsed = (time.perf_counter() - started) / count
    cpu = (time.process_time() - cpu) / count
    print(
        f"{name}: HTTP {response.status_code}, {elapsed * 1000:.1f} ms per request "
        f"({cpu * 1000:.1f} ms of CPU, profiler included)"
    )
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
