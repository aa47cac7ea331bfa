"""Profile one endpoint in-process with pyinstrument, against a seeded database.

    DATABASE_URL=sqlite:////tmp/bench.sqlite .venv/bin/python bench/seed.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite .venv/bin/python bench/profile.py progress [N]

Endpoints: floor (the signed-in floor), lesson, lesson-anon, quiz, progress, save (the whole
form), save-one (one answer through the API, as the attempt page sends it), gradebook,
analysis, retention (the class of 500), review (the Review page), login.
"""

import random
import sys
import time
from pathlib import Path

from pyinstrument import Profiler
from werkzeug.datastructures import MultiDict

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import seed as seeding  # noqa: E402
from course.accounts.users import find_user  # noqa: E402
from course.learners.current import learner_for_user  # noqa: E402
from course.quizzes.attempts import open_attempt  # noqa: E402


def main() -> None:
    name = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    from bench.app import app  # the course app with the floor's route, sign-in limits off

    app.config["WTF_CSRF_ENABLED"] = False
    catalog = app.extensions["catalog"]
    client = app.test_client()
    email = seeding.INSTRUCTOR_EMAIL if name in ("gradebook", "analysis", "retention") else None
    email = email or "student0001@bench.example"
    if name != "lesson-anon":
        response = client.post("/en/login", data={"email": email, "password": seeding.PASSWORD})
        assert response.status_code == 302, response.status_code  # noqa: S101
    lesson = next(iter(catalog.lessons))
    paths = {
        "lesson": f"/en/lessons/{lesson}",
        "lesson-anon": f"/en/lessons/{lesson}",
        "quiz": "/en/quizzes/foundations-quiz",
        "floor": "/en/bench-floor",
        "progress": "/en/progress",
        "gradebook": "/en/teaching/classes/1/gradebook",
        "analysis": "/en/teaching/classes/1/quizzes/final-exam/analysis",
        "retention": "/en/teaching/classes/1/retention",
        "review": "/en/review",
    }

    if name in ("save", "save-one"):
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
        first = questions[0]
        answers = [seeding.some_answer(first, rng, ability) for ability in (0.0, 1.0)]
        one = [[("question", first.id), *seeding.form_fields(first, a)] for a in answers]
        paths["save-one"] = f"/api/v1/attempts/{attempt.id}/answers?lang=en"
        csrf = {"X-CSRFToken": client.get("/api/v1/session").get_json()["csrf_token"]}
    turn = [0]

    def request():
        if name == "save":
            return client.post(paths["save"], data=fields, headers={"X-Autosave": "1"})
        if name == "save-one":  # two answers in turn, so that each save changes it
            turn[0] += 1
            return client.put(paths["save-one"], data=MultiDict(one[turn[0] % 2]), headers=csrf)
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
    if response.status_code >= 400:
        print(response.get_data(as_text=True)[:300])
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
