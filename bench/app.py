"""The course app as the benchmark serves it: `create_app()` with sign-in rate limits off.

Every simulated student signs in from 127.0.0.1, which the per-address limits (10 sign-ins a
minute) would refuse after the tenth; nothing else differs from `make serve`.
"""

from course import create_app
from course.security import limiter

limiter.enabled = False  # read by limiter.init_app() as the default of RATELIMIT_ENABLED
app = create_app()


@app.get("/<lang>/bench-floor")
def floor() -> str:
    """Hello world inside the course app: what its hooks alone cost (session, sign-in, headers)."""
    return "Hello, World!"
