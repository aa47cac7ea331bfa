"""Profile one endpoint in-process with pyinstrument, against a seeded database.

    DATABASE_URL=sqlite:////tmp/bench.sqlite .venv/bin/python bench/seed.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite .venv/bin/python bench/profile.py progress [N]

Endpoints: lesson, lesson-anon, quiz, progress, save, submit, gradebook, analysis, login.
"""

import sys
import time
from pathlib import Path

from pyinstrument import Profiler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import seed as seeding  # noqa: E402
from course import create_app  # noqa: E402
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

    def request():
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
