"""The packages stack without a loop: the import-linter contract in pyproject.toml holds."""

import shutil
import subprocess
import sys
from pathlib import Path

from course.paths import PROJECT_ROOT


def lint_imports() -> subprocess.CompletedProcess:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    return subprocess.run(  # noqa: S603 (our own tool, no shell)
        [command or "lint-imports", "--no-cache"],  # reads pyproject.toml
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_no_package_imports_a_higher_one():
    result = lint_imports()
    # On failure, the report names each broken import with its file and line.
    assert result.returncode == 0, result.stdout + result.stderr
