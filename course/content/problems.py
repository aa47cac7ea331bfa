"""Problems found in content files, each with its file and line."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Report:
    """Collects problems; paths are shown relative to the content root."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def add(self, file: Path, line: int, message: str) -> None:
        self.problems.append(Problem(self.relative(file), line, message))

    def relative(self, file: Path) -> str:
        try:
            return str(file.relative_to(self.root))
        except ValueError:
            return str(file)


class ContentError(Exception):
    """The content is invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        lines = [str(p) for p in self.problems]
        return f"{len(lines)} problem(s) in the course content:\n" + "\n".join(lines)
