"""The benchmark of issue 6: hello-world Flask, then the course on SQLite and on PostgreSQL.

Every server is gunicorn with the same settings (GUNICORN_SETTINGS). For each database: a fresh
database is migrated and seeded (bench/seed.py), every student signs in over HTTP (which also
measures sign-in), wrk drives each endpoint, two burst scenarios run with an asyncio load
generator, the database is checked for lost or duplicated attempts, and each worker's resident
memory is read from /proc. Results go to bench/results/<timestamp>.json and .md.

    .venv/bin/python bench/run.py                    # or: make bench
    BENCH_DURATION=3 BENCH_REPEATS=1 BENCH_BACKENDS=sqlite .venv/bin/python bench/run.py

Environment: BENCH_DURATION (seconds per wrk run, 5), BENCH_REPEATS (runs per endpoint, 3),
BENCH_BACKENDS (sqlite,postgresql), BENCH_PORT (8101: the hello-world server's, the app's the
next), BENCH_PG_ADMIN_URL (postgresql://postgres@127.0.0.1:5432/
postgres), BENCH_PG_DB (bench), BENCH_ROWS (only these rows after the two floors, by their names
in the tables, comma-separated; no bursts: `BENCH_ROWS="retention report (500)"`).
"""

import asyncio
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import seed as seeding  # noqa: E402
from course.content.question_types import QUESTION_TYPES  # noqa: E402
from course.spaced_review.cards import parse_key  # noqa: E402
from course.spaced_review.models import CardKind  # noqa: E402

BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "wrk" / "requests.lua"
# Two benchmarks on one machine (worktrees) need ports of their own: BENCH_PORT (8101) and the next.
HELLO_PORT = int(os.environ.get("BENCH_PORT", "8101"))
APP_PORT = HELLO_PORT + 1
WORKERS = 4
GUNICORN_SETTINGS = ["--workers", str(WORKERS), "--worker-class", "sync", "--timeout", "120"]
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
WARMUP = 2
CONNECTIONS, THREADS = 16, 2
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",")
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = os.environ.get("BENCH_PG_DB", "bench")
# Only these rows (names as in the tables, comma-separated) after the two floors, no bursts.
ROWS = [name for name in os.environ.get("BENCH_ROWS", "").split(",") if name]
if PG_DB in ("test", "postgres"):
    sys.exit("BENCH_PG_DB must name a database of the benchmark's own: it is dropped")
BURST_QUIZ = "strengths-and-weaknesses-quiz"
ITEM_ANALYSIS_QUIZ = "final-exam"
LANGS = ("en", "vi", "ru")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
USER_AGENT = "course-bench"

TARGETS = {  # endpoint -> minimum ratio to hello-world throughput
    "lesson (anonymous)": 0.6,
    "lesson (signed in)": 0.6,
    "quiz page": 0.5,
    "answer save": 0.3,
    "submit": 0.3,
}
SIGNED_IN_FLOOR = "signed-in floor: hello world, signed in"
# endpoint -> at most this many times the signed-in floor's worker CPU per request
CPU_TARGETS = {"save one answer": 3.0, "Review page": 3.0, "answer a card": 3.0}
LATENCY_TARGETS_MS = {
    "gradebook (500 × 10)": 150,
    "item analysis": 150,
    "retention report (500)": 150,
}
MEMORY_TARGET_MB = 150


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# Servers


class Server:
    """gunicorn with GUNICORN_SETTINGS, serving `app_spec` on 127.0.0.1:`port`."""

    def __init__(self, app_spec: str, port: int, env: dict[str, str]) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise RuntimeError(f"port {port} is taken (another benchmark?): set BENCH_PORT")
        command = [
            str(BIN / "gunicorn"),
            *GUNICORN_SETTINGS,
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
            app_spec,
        ]
        self.process = subprocess.Popen(command, env={**os.environ, **env})  # noqa: S603
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/", timeout=2):  # noqa: S310
                    break
            except OSError as exc:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{app_spec} did not start") from exc
                time.sleep(0.3)
        # Every worker is up once there are WORKERS children.
        while len(self.worker_pids()) < WORKERS and time.monotonic() < deadline:
            time.sleep(0.2)

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        return sizes

    def cpu_seconds(self) -> float:
        """The CPU time (user and system) the workers have used so far."""
        ticks = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# ---------------------------------------------------------------------------------------------
# wrk


@dataclass
class Req:
    method: str
    path: str
    cookie: str = ""
    autosave: bool = False
    body: str = ""
    csrf: str = ""  # sent as X-CSRFToken (the API's check of session requests)

    def line(self) -> str:
        autosave = "1" if self.autosave else ""
        return "\t".join((self.method, self.path, self.cookie, autosave, self.csrf, self.body))


def wrk_once(base: str, requests: list[Req], seconds: int, connections: int, threads: int):
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        f.write("\n".join(r.line() for r in requests) + "\n")
        path = f.name
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        base,
        "--",
        path,
        str(threads),
    ]
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    finally:
        os.unlink(path)
    data = json.loads(next(line for line in out.splitlines() if line.startswith("BENCH_JSON"))[11:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return data


def measure(
    name: str,
    server: Server,
    requests: list[Req],
    connections: int = CONNECTIONS,
    threads: int = THREADS,
    *,
    fresh: bool = False,
) -> dict:
    """A warm-up, then REPEATS runs of DURATION seconds: the medians of the runs, and the
    workers' CPU time per request over the runs. With `fresh`, the warm-up and each run take
    their own part of `requests` (wrk starts every run at the list's beginning): requests that
    change something (answering a card) are then each sent once."""
    threads = min(threads, connections)
    size = len(requests) // (REPEATS + 1) if fresh else len(requests)
    parts = [requests[i * size : (i + 1) * size] for i in range(REPEATS + 1)] if fresh else None
    warmup = wrk_once(server.base, parts[0] if fresh else requests, WARMUP, connections, threads)
    cpu_before = server.cpu_seconds()
    runs = [
        wrk_once(server.base, parts[i + 1] if fresh else requests, DURATION, connections, threads)
        for i in range(REPEATS)
    ]
    cpu = server.cpu_seconds() - cpu_before
    result = {
        "endpoint": name,
        "connections": connections,
        "rps": statistics.median(r["rps"] for r in runs),
        "p50_ms": statistics.median(r["p50_us"] for r in runs) / 1000,
        "p99_ms": statistics.median(r["p99_us"] for r in runs) / 1000,
        "errors": sum(r["errors"] for r in runs),
        "requests": sum(r["requests"] for r in runs),
        "warmup_requests": warmup["requests"],
        "cpu_ms": cpu * 1000 / max(1, sum(r["requests"] for r in runs)),
        "runs": runs,
    }
    log(
        f"  {name:24} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
        f"p99 {result['p99_ms']:7.1f} ms  errors {result['errors']}  "
        f"CPU {result['cpu_ms']:.2f} ms/request"
    )
    return result


# ---------------------------------------------------------------------------------------------
# HTTP clients for the scripted flows


@dataclass
class Student:
    email: str
    cookie: str = ""
    csrf: str = ""


def cookie_of(response: aiohttp.ClientResponse, current: str) -> str:
    morsel = response.cookies.get("session")
    return f"session={morsel.value}" if morsel is not None and morsel.value else current


def client(limit: int = 0) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit, force_close=True),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=120),
        headers={"User-Agent": USER_AGENT},
    )


async def sign_in(http: aiohttp.ClientSession, base: str, who: Student, timings: list) -> None:
    """The login page, the sign-in itself (timed), then a page that hands out a CSRF token."""
    async with http.get(f"{base}/en/login") as r:
        html = await r.text()
        cookie = cookie_of(r, "")
    token = CSRF_RE.search(html).group(1)
    form = {"csrf_token": token, "email": who.email, "password": seeding.PASSWORD}
    started = time.perf_counter()
    async with http.post(
        f"{base}/en/login", data=form, headers={"Cookie": cookie}, allow_redirects=False
    ) as r:
        await r.read()
        timings.append(time.perf_counter() - started)
        if r.status != 302:
            raise RuntimeError(f"sign-in of {who.email} answered {r.status}")
        cookie = cookie_of(r, cookie)
    async with http.get(f"{base}/en/progress", headers={"Cookie": cookie}) as r:
        html = await r.text()
        who.cookie = cookie_of(r, cookie)
    who.csrf = CSRF_RE.search(html).group(1)


async def sign_in_all(base: str, people: list[Student], concurrency: int = 8) -> dict:
    timings: list[float] = []
    queue = list(people)

    async def worker(http):
        while queue:
            await sign_in(http, base, queue.pop(), timings)

    started = time.perf_counter()
    async with client() as http:
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {
        "people": len(people),
        "concurrency": concurrency,
        "seconds": round(elapsed, 1),
        "flows_per_s": len(people) / elapsed,
        "post_p50_ms": percentile(timings, 50) * 1000,
        "post_p99_ms": percentile(timings, 99) * 1000,
    }


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


# ---------------------------------------------------------------------------------------------
# Request bodies


def answers_body(csrf: str, catalog, question_ids: list[str], variant: int = 0, **extra) -> str:
    """The form a browser posts for this attempt: every question answered with its key; in
    variant 1 the first question has a wrong answer, so that a save changes it."""
    fields = [("csrf_token", csrf)]
    for n, qid in enumerate(question_ids):
        question = catalog.questions[qid]
        rng = random.Random(qid)  # noqa: S311 - the same wrong answer every time, not a secret
        correct = n > 0 or not variant
        answer = QUESTION_TYPES[question.type].sample_answer(question.data, rng, correct)
        fields += seeding.form_fields(question, answer)
    fields += list(extra.items())
    return urllib.parse.urlencode(fields)


# ---------------------------------------------------------------------------------------------
# Bursts


async def burst(
    base: str,
    students: list[Student],
    assignment_of: dict[str, int],
    catalog,
    start_window: float,
    think: tuple[float, float],
) -> dict:
    """Each student starts the assignment at a random moment within `start_window` seconds,
    opens the attempt page, thinks, submits, and opens the result."""
    quiz = catalog.quizzes[BURST_QUIZ]
    question_ids = list(quiz.question_ids)
    latencies: dict[str, list[float]] = {"start": [], "page": [], "submit": [], "result": []}
    errors: list[str] = []
    rng = random.Random(7)  # noqa: S311
    plan = [(s, rng.uniform(0, start_window), rng.uniform(*think)) for s in students]
    t0 = time.perf_counter() + 0.5

    async def timed(phase, call, expect):
        started = time.perf_counter()
        try:
            async with call() as r:
                await r.read()
                latencies[phase].append(time.perf_counter() - started)
                if r.status != expect:
                    errors.append(f"{phase}: HTTP {r.status}")
                    return None
                return r
        except (aiohttp.ClientError, TimeoutError) as exc:
            latencies[phase].append(time.perf_counter() - started)
            errors.append(f"{phase}: {type(exc).__name__}")
            return None

    async def flow(http, student: Student, at: float, pause: float):
        await asyncio.sleep(max(0.0, t0 + at - time.perf_counter()))
        headers = {"Cookie": student.cookie}
        aid = assignment_of[student.email]
        r = await timed(
            "start",
            lambda: http.post(
                f"{base}/en/assignments/{aid}/start",
                data={"csrf_token": student.csrf},
                headers=headers,
                allow_redirects=False,
            ),
            302,
        )
        if r is None:
            return
        url = base + r.headers["Location"] if r.headers["Location"].startswith("/") else ""
        url = url or r.headers["Location"]
        if await timed("page", lambda: http.get(url, headers=headers), 200) is None:
            return
        await asyncio.sleep(pause)
        body = answers_body(student.csrf, catalog, question_ids, action="submit")
        posted = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
        r = await timed(
            "submit",
            lambda: http.post(url, data=body, headers=posted, allow_redirects=False),
            302,
        )
        if r is None:
            return
        await timed("result", lambda: http.get(url, headers=headers), 200)

    started = time.perf_counter()
    async with client() as http:
        await asyncio.gather(*(flow(http, *p) for p in plan))
    every = [t for ts in latencies.values() for t in ts]
    summary = {
        "students": len(students),
        "start_window_s": start_window,
        "think_s": list(think),
        "seconds": round(time.perf_counter() - started, 1),
        "requests": len(every),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:10],
        "p50_ms": percentile(every, 50) * 1000,
        "p95_ms": percentile(every, 95) * 1000,
        "p99_ms": percentile(every, 99) * 1000,
        "max_ms": max(every, default=0) * 1000,
        "by_request": {
            phase: {
                "count": len(ts),
                "p50_ms": percentile(ts, 50) * 1000,
                "p95_ms": percentile(ts, 95) * 1000,
                "p99_ms": percentile(ts, 99) * 1000,
            }
            for phase, ts in latencies.items()
        },
    }
    return summary


def check_attempts(app, assignment_of: dict[str, int], emails: list[str]) -> dict:
    """Exactly one submitted, scored attempt per student for the burst's assignment?"""
    from sqlalchemy import select

    from course.accounts.models import User
    from course.extensions import db
    from course.learners.models import Learner
    from course.quizzes.models import Attempt

    with app.app_context():
        rows = db.session.execute(
            select(User.email, Attempt.submitted_dt, Attempt.score)
            .join(Learner, Learner.user_id == User.id)
            .join(Attempt, Attempt.learner_id == Learner.id)
            .where(Attempt.assignment_id.in_(set(assignment_of.values())))
        ).all()
        db.session.remove()
    scored: dict[str, int] = {}
    unscored = 0
    for email, submitted_dt, score in rows:
        if submitted_dt is None or score is None:
            unscored += 1
        else:
            scored[email] = scored.get(email, 0) + 1
    exactly_one = sum(1 for e in emails if scored.get(e) == 1)
    return {
        "students": len(emails),
        "exactly_one_scored": exactly_one,
        "missing": sum(1 for e in emails if e not in scored),
        "more_than_one": sum(1 for e in emails if scored.get(e, 0) > 1),
        "unscored_or_open": unscored,
        "ok": exactly_one == len(emails) and unscored == 0,
    }


# ---------------------------------------------------------------------------------------------
# One database


def prepare_database(backend: str, workdir: Path) -> str:
    if backend == "sqlite":
        path = workdir / "course.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DB}"')
    parts = urllib.parse.urlsplit(PG_ADMIN_URL)
    return urllib.parse.urlunsplit(("postgresql+psycopg", parts.netloc, f"/{PG_DB}", "", ""))


def drop_database(backend: str) -> None:
    if backend == "postgresql":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')


def run_backend(backend: str, secret_key: str, workdir: Path) -> dict:
    from flask_migrate import upgrade

    from course import create_app

    result: dict = {"backend": backend}
    log(f"== {backend}: hello-world baseline")
    hello = Server("bench.hello:app", HELLO_PORT, {})
    try:
        result["hello"] = measure("hello world", hello, [Req("GET", "/")])
    finally:
        hello.stop()
    hello_rps = result["hello"]["rps"]

    url = prepare_database(backend, workdir)
    os.environ["DATABASE_URL"] = url
    os.environ["SECRET_KEY"] = secret_key
    app = create_app()
    catalog = app.extensions["catalog"]
    log(f"== {backend}: migrating and seeding")
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        seeded = seeding.seed(catalog)
        from course.extensions import db

        result["database_version"] = db.session.execute(
            db.text("SELECT sqlite_version()" if backend == "sqlite" else "SHOW server_version")
        ).scalar()
        db.session.remove()
    result["seed"] = {**seeded.counts, "seconds": round(time.perf_counter() - started, 1)}
    log(f"   seeded {seeded.counts} in {result['seed']['seconds']} s")

    server = Server("bench.app:app", APP_PORT, {"DATABASE_URL": url, "SECRET_KEY": secret_key})
    try:
        result.update(drive(server, app, catalog, seeded, hello_rps))
    finally:
        result["worker_rss_mb"] = server.worker_rss_mb()
        log(f"   worker resident memory (MB): {result['worker_rss_mb']}")
        server.stop()
        with app.app_context():
            from course.extensions import db

            db.session.remove()
            db.engine.dispose()
        drop_database(backend)
    return result


def drive(server: Server, app, catalog, seeded: seeding.Seeded, hello_rps: float) -> dict:
    base = server.base
    out: dict = {}
    students = [Student(e) for e in seeded.student_emails]
    instructor = Student(seeded.instructor_email)
    log(f"   signing in {len(students)} students over HTTP")
    out["sign_in_flows"] = asyncio.run(sign_in_all(base, [*students, instructor]))
    log(f"   {out['sign_in_flows']}")

    endpoints = [
        measure("floor: hello world in the course app", server, [Req("GET", "/en/bench-floor")]),
        measure(
            SIGNED_IN_FLOOR,
            server,
            [Req("GET", f"/{LANGS[i % 3]}/bench-floor", s.cookie) for i, s in enumerate(students)],
        ),
    ]
    rows = {
        RETENTION: lambda: retention(server, seeded, instructor),
        REVIEW_PAGE: lambda: review_page(server, students),
        ANSWER_CARD: lambda: answer_cards(server, catalog, students[:REVIEWERS]),
        SIGNED_IN_LESSON: lambda: signed_in_lessons(server, catalog, students),
    }
    if ROWS:
        endpoints += [rows[name]() for name in ROWS]
        return {
            "sign_in_flows": out["sign_in_flows"],
            "endpoints": with_ratios(endpoints, hello_rps),
        }
    lessons = list(catalog.lessons)
    endpoints.append(
        measure(
            "lesson (anonymous)",
            server,
            [Req("GET", f"/{lang}/lessons/{lid}") for lang in LANGS for lid in lessons],
        )
    )
    endpoints.append(rows[SIGNED_IN_LESSON]())
    quiz_ids = [q.id for q in catalog.all_quizzes()]
    endpoints.append(
        measure(
            "quiz page",
            server,
            [
                Req("GET", f"/en/quizzes/{quiz_ids[i % len(quiz_ids)]}", s.cookie)
                for i, s in enumerate(students)
            ],
        )
    )

    # Answer save: each student's open attempt at SAVE_QUIZ; bodies A then B, so that every
    # save of an attempt changes one answer.
    saves = []
    for variant in (0, 1):
        for s in students:
            attempt = seeded.open_attempts[s.email][seeding.SAVE_QUIZ]
            body = answers_body(s.csrf, catalog, attempt["question_ids"], variant)
            saves.append(Req("POST", f"/en/attempts/{attempt['id']}", s.cookie, True, body))
    check = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        base + saves[0].path,
        data=saves[0].body.encode(),
        headers={"Cookie": saves[0].cookie, "X-Autosave": "1", "User-Agent": USER_AGENT},
    )
    with urllib.request.urlopen(check) as r:  # noqa: S310
        reply = json.loads(r.read())
    if not reply.get("saved") or reply.get("errors"):
        raise RuntimeError(f"an answer save was not accepted: {reply}")
    endpoints.append(measure("answer save", server, saves))
    endpoints.append(
        measure("save one answer", server, one_answer_saves(base, catalog, seeded, students))
    )

    # Submit: the open attempts at the other quizzes, one student after another, so that each
    # request submits an attempt for the first time while the pool lasts.
    pool = []
    for quiz_id in quiz_ids:
        if quiz_id == seeding.SAVE_QUIZ:
            continue
        for s in students:
            attempt = seeded.open_attempts[s.email][quiz_id]
            body = answers_body(s.csrf, catalog, attempt["question_ids"], action="submit")
            pool.append(Req("POST", f"/en/attempts/{attempt['id']}", s.cookie, False, body))
    submit = measure("submit", server, pool)
    submit["pool"] = len(pool)
    sent = submit["requests"] + submit["warmup_requests"]
    submit["first_submissions"] = min(len(pool), sent)
    submit["note"] = (
        f"a pool of {len(pool)} open attempts with saved answers, submitted one after another; "
        f"{sent} requests in all (warm-up included), so "
        + (
            "every request was a first submission"
            if sent <= len(pool)
            else f"the first {len(pool)} were first submissions and the rest re-submissions"
        )
    )
    endpoints.append(submit)

    endpoints.append(
        measure("progress page", server, [Req("GET", "/en/progress", s.cookie) for s in students])
    )
    book = f"/en/teaching/classes/{seeded.big_class_id}/gradebook"
    endpoints.append(
        measure("gradebook (500 × 10)", server, [Req("GET", book, instructor.cookie)], 1, 1)
    )
    analysis = f"/en/teaching/classes/{seeded.big_class_id}/quizzes/{ITEM_ANALYSIS_QUIZ}/analysis"
    endpoints.append(
        measure("item analysis", server, [Req("GET", analysis, instructor.cookie)], 1, 1)
    )
    endpoints += [rows[RETENTION](), rows[REVIEW_PAGE](), rows[ANSWER_CARD]()]

    # Sign-in: one anonymous browser session posting each student's credentials in turn.
    anonymous = Student("")
    with urllib.request.urlopen(  # noqa: S310
        urllib.request.Request(base + "/en/login", headers={"User-Agent": USER_AGENT})  # noqa: S310
    ) as r:
        anonymous.csrf = CSRF_RE.search(r.read().decode()).group(1)
        cookies = "; ".join(r.headers.get_all("Set-Cookie") or [])
        anonymous.cookie = "session=" + re.search(r"(?:^|, |; )session=([^;]+)", cookies)[1]
    logins = [
        Req(
            "POST",
            "/en/login",
            anonymous.cookie,
            False,
            urllib.parse.urlencode(
                {"csrf_token": anonymous.csrf, "email": s.email, "password": seeding.PASSWORD}
            ),
        )
        for s in students
    ]
    endpoints.append(measure("sign-in", server, logins))

    out["endpoints"] = with_ratios(endpoints, hello_rps)

    # Bursts: a one-attempt assignment of the same quiz in every class, per scenario.
    class_ids = sorted(set(seeded.class_of_student.values()))
    with app.app_context():
        spread_ids = seeding.add_burst_assignment(class_ids, BURST_QUIZ, catalog)
        second_ids = seeding.add_burst_assignment(class_ids, BURST_QUIZ, catalog)
        from course.extensions import db

        db.session.remove()
    bursts = {}
    log("   burst: 1,000 students start and submit over 60 s")
    spread_of = {s.email: spread_ids[seeded.class_of_student[s.email]] for s in students}
    bursts["spread_60s"] = asyncio.run(burst(base, students, spread_of, catalog, 50, (2, 10)))
    bursts["spread_60s"]["check"] = check_attempts(app, spread_of, [s.email for s in students])
    log(f"   {summary_line(bursts['spread_60s'])}")
    log("   burst: 300 students start within the same second")
    group = students[::3][:300]
    second_of = {s.email: second_ids[seeded.class_of_student[s.email]] for s in group}
    bursts["same_second_300"] = asyncio.run(burst(base, group, second_of, catalog, 1, (5, 20)))
    bursts["same_second_300"]["check"] = check_attempts(app, second_of, [s.email for s in group])
    log(f"   {summary_line(bursts['same_second_300'])}")
    out["bursts"] = bursts
    return out


def with_ratios(endpoints: list[dict], hello_rps: float) -> list[dict]:
    """Each row's throughput against hello-world's, its CPU against the two floors' (first)."""
    floor_cpu, signed_in_cpu = endpoints[0]["cpu_ms"], endpoints[1]["cpu_ms"]
    for e in endpoints:
        e["ratio"] = e["rps"] / hello_rps
        e["cpu_x_floor"] = e["cpu_ms"] / floor_cpu if floor_cpu else float("nan")
        e["cpu_x_signed_in_floor"] = e["cpu_ms"] / signed_in_cpu if signed_in_cpu else float("nan")
    return endpoints


def retention(server: Server, seeded: seeding.Seeded, instructor: Student) -> dict:
    """The instructor's retention report of the class of 500 (about 27,000 review cards): one
    connection, so p50 is the time of one page."""
    path = f"/en/teaching/classes/{seeded.big_class_id}/retention"
    return measure(RETENTION, server, [Req("GET", path, instructor.cookie)], 1, 1)


SIGNED_IN_LESSON = "lesson (signed in)"
RETENTION = "retention report (500)"
REVIEW_PAGE = "Review page"
ANSWER_CARD = "answer a card"
REVIEWERS = 600  # students whose review sessions the "answer a card" row answers


def signed_in_lessons(server: Server, catalog, students: list[Student]) -> dict:
    """Each student's lesson page, in the three languages in turn, with their menu count."""
    lessons = list(catalog.lessons)
    pages = [
        Req("GET", f"/{LANGS[i % 3]}/lessons/{lessons[i % len(lessons)]}", s.cookie)
        for i, s in enumerate(students)
    ]
    return measure(SIGNED_IN_LESSON, server, pages)


def review_page(server: Server, students: list[Student]) -> dict:
    """Each student's Review page: the cards due today (seeded), after a first visit that
    brings each student's cards up to date with their attempts (measured apart: it runs at most
    once an hour for a learner, and the quiz's submission keeps the cards up to date between)."""
    pages = [Req("GET", f"/{LANGS[i % 3]}/review", s.cookie) for i, s in enumerate(students)]
    started = time.monotonic()
    cpu_before = server.cpu_seconds()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda req: fetch(server.base, req), pages))
    first = (server.cpu_seconds() - cpu_before) * 1000 / len(pages)
    took = time.monotonic() - started
    log(f"  first visits: {len(pages)} in {took:.1f} s, CPU {first:.1f} ms each")
    row = measure(REVIEW_PAGE, server, pages)
    row["first_visit_cpu_ms"] = first
    row["note"] = f"after each student's first visit, which cost {first:.1f} ms of CPU each"
    return row


def fetch(base: str, req: Req) -> int:
    request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        base + req.path, headers={"Cookie": req.cookie, "User-Agent": USER_AGENT}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        response.read()
        return response.status


def answer_cards(server: Server, catalog, students: list[Student]) -> dict:
    """Each student's review session, started through the API, then one request per card, the
    students taking turns, so that every request answers a card for the first time while the
    pool lasts: flashcards rated Good, questions answered with their key or a wrong answer."""
    with ThreadPoolExecutor(max_workers=4) as threads:
        started = list(threads.map(lambda s: start_review(server.base, s), students))
    sessions = list(zip(students, started, strict=True))
    longest = max(len(keys) for _s, keys in sessions)
    pool = []
    for n in range(longest):
        for s, keys in sessions:
            if n < len(keys):
                body = json.dumps(card_answer(catalog, keys[n], correct=n % 3 > 0), default=list)
                path = f"/api/v1/review/session/cards/{keys[n]}?lang=en"
                pool.append(Req("POST", path, s.cookie, body=body, csrf=s.csrf))
    row = measure(ANSWER_CARD, server, pool, fresh=True)
    row["pool"] = len(pool)
    row["note"] = (
        f"{len(sessions)} review sessions, {len(pool)} cards, a quarter for the warm-up and for "
        f"each run; {row['errors']} requests refused (a card answered twice would be)"
    )
    return row


def start_review(base: str, student: Student) -> list[str]:
    request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        base + "/api/v1/review/session",
        method="POST",
        headers={"Cookie": student.cookie, "X-CSRFToken": student.csrf, "User-Agent": USER_AGENT},
    )
    with urllib.request.urlopen(request) as r:  # noqa: S310
        return json.loads(r.read())["keys"]


def card_answer(catalog, key: str, correct: bool) -> dict:
    kind, item_id = parse_key(key)
    if kind == CardKind.TERM:
        return {"rating": 3}
    question = catalog.questions[item_id]
    rng = random.Random(item_id)  # noqa: S311 - the same wrong answer every time
    return {"answer": QUESTION_TYPES[question.type].sample_answer(question.data, rng, correct)}


def one_answer_saves(base: str, catalog, seeded: seeding.Seeded, students: list) -> list[Req]:
    """What the attempt page sends when one answer changes: that question's fields through
    `PUT /api/v1/attempts/<id>/answers`, on each student's open attempt at SAVE_QUIZ. Its first
    question's key and a wrong answer alternate, so that each save changes it; no revision is
    sent (the API then saves whatever changed since)."""
    saves = []
    for correct in (True, False):
        for s in students:
            attempt = seeded.open_attempts[s.email][seeding.SAVE_QUIZ]
            question = catalog.questions[attempt["question_ids"][0]]
            rng = random.Random(question.id)  # noqa: S311 - the same wrong answer every time
            answer = QUESTION_TYPES[question.type].sample_answer(question.data, rng, correct)
            fields = [("question", question.id), *seeding.form_fields(question, answer)]
            path = f"/api/v1/attempts/{attempt['id']}/answers?lang=en"
            body = urllib.parse.urlencode(fields)
            saves.append(Req("PUT", path, s.cookie, body=body, csrf=s.csrf))
    first = saves[0]
    check = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        base + first.path,
        data=first.body.encode(),
        method="PUT",
        headers={
            "Cookie": first.cookie,
            "X-CSRFToken": first.csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": USER_AGENT,
        },
    )
    with urllib.request.urlopen(check) as r:  # noqa: S310
        reply = json.loads(r.read())
    if "revision" not in reply or "error" in reply:
        raise RuntimeError(f"a one-answer save was not accepted: {reply}")
    return saves


def summary_line(b: dict) -> str:
    return (
        f"{b['requests']} requests, errors {b['errors']}, p50 {b['p50_ms']:.0f} ms, "
        f"p95 {b['p95_ms']:.0f} ms, p99 {b['p99_ms']:.0f} ms; check {b['check']}"
    )


# ---------------------------------------------------------------------------------------------
# Report


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = int(
        next(
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    )
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout  # noqa: S607
    packages = ("flask", "werkzeug", "jinja2", "sqlalchemy", "gunicorn", "psycopg", "argon2-cffi")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite_library": sqlite3.sqlite_version,
        "wrk": wrk_version.splitlines()[0] if wrk_version else "?",
        "packages": {p: metadata.version(p) for p in packages},
        "gunicorn_settings": " ".join(GUNICORN_SETTINGS),
        "wrk_settings": f"-t{THREADS} -c{CONNECTIONS}, {REPEATS} × {DURATION} s after a "
        f"{WARMUP} s warm-up; medians of the runs",
    }


def verdicts(results: list[dict]) -> list[tuple[str, str, str, bool]]:
    """(target, backend, figure, met) for every target of the issue."""
    rows = []
    for r in results:
        b = r["backend"]
        by_name = {e["endpoint"]: e for e in r.get("endpoints", [])}
        for name, minimum in TARGETS.items():
            if name in by_name:
                ratio = by_name[name]["ratio"]
                rows.append((f"{name} ≥ {minimum}× hello", b, f"{ratio:.2f}×", ratio >= minimum))
        for name, limit in CPU_TARGETS.items():
            if name in by_name and "cpu_x_signed_in_floor" in by_name[name]:
                times = by_name[name]["cpu_x_signed_in_floor"]
                rows.append(
                    (f"{name} CPU ≤ {limit:g}× signed-in floor", b, f"{times:.2f}×", times <= limit)
                )
        for name, limit in LATENCY_TARGETS_MS.items():
            if name in by_name:
                p50 = by_name[name]["p50_ms"]
                rows.append((f"{name} p50 ≤ {limit} ms", b, f"{p50:.0f} ms", p50 <= limit))
        for key, label, field, limit in (
            ("spread_60s", "60-second burst p95 ≤ 2 s", "p95_ms", 2000),
            ("same_second_300", "same-second burst p99 ≤ 5 s", "p99_ms", 5000),
        ):
            burst_result = r.get("bursts", {}).get(key)
            if burst_result:
                value = burst_result[field]
                rows.append((label, b, f"{value:.0f} ms", value <= limit))
                ok = burst_result["errors"] == 0 and burst_result["check"]["ok"]
                figure = (
                    f"{burst_result['errors']} errors, "
                    f"{burst_result['check']['exactly_one_scored']}/"
                    f"{burst_result['check']['students']} with one scored attempt"
                )
                rows.append((f"{key}: 0 errors, 0 lost or unscored", b, figure, ok))
        if r.get("worker_rss_mb"):
            peak = max(r["worker_rss_mb"])
            rows.append(
                (f"worker memory ≤ {MEMORY_TARGET_MB} MB", b, f"{peak:.0f} MB max", peak <= 150)
            )
    return rows


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"# Benchmark {report['started']}",
        "",
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}; Python {m['python']}; "
        f"SQLite {m['sqlite_library']}; {m['wrk']}.",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()) + ".",
        f"gunicorn `{m['gunicorn_settings']}` for every server; wrk {m['wrk_settings']}; "
        "wrk runs on the same two cores as the servers.",
        "Load average before the run: "
        + ", ".join(f"{x:.2f}" for x in report["load_average_before"])
        + (
            "; after: " + ", ".join(f"{x:.2f}" for x in report["load_average_after"])
            if "load_average_after" in report
            else ""
        )
        + " (anything else running on the machine skews the figures).",
        "",
    ]
    for r in report["results"]:
        hello = r["hello"]
        lines += [
            f"## {r['backend']} ({r.get('database_version', '')})",
            "",
            f"Hello world: {hello['rps']:.0f} req/s, p50 {hello['p50_ms']:.1f} ms, "
            f"p99 {hello['p99_ms']:.1f} ms, {hello['errors']} errors, "
            f"{hello['cpu_ms']:.2f} ms of worker CPU per request.",
            "",
            "| endpoint | conn. | req/s | p50 ms | p99 ms | errors | × hello | CPU ms/req "
            "| CPU × floor | CPU × signed-in floor |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for e in r.get("endpoints", []):
            lines.append(
                f"| {e['endpoint']} | {e['connections']} | {e['rps']:.1f} | {e['p50_ms']:.1f} | "
                f"{e['p99_ms']:.1f} | {e['errors']} | {e['ratio']:.2f} | {e['cpu_ms']:.2f} | "
                f"{e.get('cpu_x_floor', float('nan')):.2f} | "
                f"{e.get('cpu_x_signed_in_floor', float('nan')):.2f} |"
            )
        submit = next((e for e in r.get("endpoints", []) if e["endpoint"] == "submit"), None)
        if submit:
            lines += ["", f"Submit: {submit['note']}."]
        flows = r.get("sign_in_flows")
        if flows:
            lines += [
                "",
                f"Sign-in of {flows['people']} people over HTTP ({flows['concurrency']} at a "
                f"time; login page, sign-in, next page): {flows['flows_per_s']:.1f} per s, "
                f"the sign-in POST p50 {flows['post_p50_ms']:.0f} ms, "
                f"p99 {flows['post_p99_ms']:.0f} ms.",
            ]
        for key, b in r.get("bursts", {}).items():
            c = b["check"]
            per = "; ".join(
                f"{phase} p95 {v['p95_ms']:.0f} / p99 {v['p99_ms']:.0f} ms"
                for phase, v in b["by_request"].items()
            )
            lines += [
                "",
                f"Burst {key}: {b['students']} students, starts within {b['start_window_s']} s, "
                f"{b['requests']} requests in {b['seconds']} s, {b['errors']} errors"
                f"{' ' + str(b['error_kinds']) if b['error_kinds'] else ''}, "
                f"p50 {b['p50_ms']:.0f} ms, p95 {b['p95_ms']:.0f} ms, "
                f"p99 {b['p99_ms']:.0f} ms ({per}). Database: {c['exactly_one_scored']}/"
                f"{c['students']} students with exactly one scored attempt, {c['missing']} "
                f"missing, {c['more_than_one']} with more, {c['unscored_or_open']} unscored.",
            ]
        if r.get("worker_rss_mb"):
            lines += ["", f"Worker resident memory after the run: {r['worker_rss_mb']} MB."]
        lines.append("")
    lines += ["## Targets", "", "| target | backend | figure | met |", "|---|---|---|---|"]
    for target, backend, figure, met in verdicts(report["results"]):
        lines.append(f"| {target} | {backend} | {figure} | {'yes' if met else '**no**'} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench does it)")
    os.chdir(ROOT)
    started = datetime.now(UTC)
    report = {
        "started": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_average_before": os.getloadavg(),
        "results": [],
    }
    secret_key = secrets.token_hex(32)
    with tempfile.TemporaryDirectory(prefix="course-bench-") as workdir:
        for backend in BACKENDS:
            report["results"].append(run_backend(backend, secret_key, Path(workdir)))
    report["seconds"] = round((datetime.now(UTC) - started).total_seconds())
    report["load_average_after"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / started.strftime("%Y%m%dT%H%M%SZ")
    stem.with_suffix(".json").write_text(json.dumps(report, indent=1, default=str))
    text = markdown(report)
    stem.with_suffix(".md").write_text(text)
    print()
    print(text)
    log(f"written {stem}.json and .md in {report['seconds']} s")


if __name__ == "__main__":
    main()
