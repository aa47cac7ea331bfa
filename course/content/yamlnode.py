"""Reading YAML content with the file and line of every value, for precise problem reports."""

from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from course.content.problems import Report

_yaml = YAML(typ="rt")


class Node:
    """A YAML mapping together with where it came from, and the languages it must have."""

    def __init__(
        self,
        data: Any,
        file: Path,
        report: Report,
        line: int,
        line_offset: int = 0,
        *,
        languages: tuple[str, ...],
    ) -> None:
        self.data = data if isinstance(data, CommentedMap) else CommentedMap()
        self.file = file
        self.report = report
        self.line = line
        self.offset = line_offset
        self.languages = languages
        if not isinstance(data, dict):
            self.problem("expected a mapping of fields")

    def line_of(self, key: str | int) -> int:
        try:
            return self.data.lc.key(key)[0] + 1 + self.offset
        except (KeyError, TypeError, AttributeError):
            return self.line

    def problem(self, message: str, key: str | int | None = None) -> None:
        self.report.add(self.file, self.line_of(key) if key else self.line, message)

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, kind: type | tuple[type, ...] = str, default: Any = None) -> Any:
        """An optional field; a value of the wrong type is reported and ignored."""
        if key not in self.data or self.data[key] is None:
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            self.problem(f"'{key}' must be a number", key)
            return default
        if not isinstance(value, kind):
            self.problem(f"'{key}' has the wrong type ({type(value).__name__})", key)
            return default
        return value

    def require(self, key: str, kind: type | tuple[type, ...] = str) -> Any:
        if key not in self.data or self.data[key] is None or self.data[key] == "":
            self.problem(f"missing field '{key}'")
            return None
        return self.get(key, kind)

    def localized(self, key: str, required: bool = True) -> MappingProxyType | None:
        """A field with one non-empty string per language."""
        if key not in self.data or self.data[key] is None:
            if required:
                self.problem(f"missing field '{key}'")
            return None
        value = self.data[key]
        if not isinstance(value, dict):
            languages = ", ".join(self.languages)
            self.problem(f"'{key}' needs a translation for each of {languages}", key)
            return None
        child = self.child(value, self.line_of(key))
        missing = [lang for lang in self.languages if not str(value.get(lang) or "").strip()]
        for lang in missing:
            child.problem(f"'{key}' is missing its '{lang}' translation")
        extra = sorted(set(value) - set(self.languages))
        if extra:
            child.problem(f"'{key}' has unknown languages: {', '.join(map(str, extra))}")
        # A missing translation is reported and left blank: the rest of the content is still
        # checked as if it were there, so that each problem is reported once, where it is.
        return MappingProxyType(
            {lang: str(value.get(lang) or "").strip() for lang in self.languages}
        )

    def child(self, data: Any, line: int) -> "Node":
        """A mapping inside this one, at `line`."""
        return Node(data, self.file, self.report, line, self.offset, languages=self.languages)

    def children(self, key: str, required: bool = True) -> Iterator["Node"]:
        """The mappings in a list field."""
        items = self.data.get(key)
        if items is None:
            if required:
                self.problem(f"missing field '{key}'")
            return
        if not isinstance(items, CommentedSeq):
            self.problem(f"'{key}' must be a list", key)
            return
        for index, item in enumerate(items):
            yield self.child(item, items.lc.item(index)[0] + 1 + self.offset)

    def string_list(self, key: str, required: bool = True) -> tuple[str, ...]:
        items = self.data.get(key)
        if items is None:
            if required:
                self.problem(f"missing field '{key}'")
            return ()
        if not isinstance(items, list) or not all(isinstance(i, str | int) for i in items):
            self.problem(f"'{key}' must be a list of plain values", key)
            return ()
        return tuple(str(i) for i in items)


def parse_yaml(text: str, file: Path, report: Report, line_offset: int = 0) -> Any:
    """Parse YAML text; a syntax error is reported with its line and gives None."""
    try:
        return _yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        report.add(file, line, f"unreadable YAML: {getattr(exc, 'problem', None) or exc}")
        return None


def load_yaml_file(file: Path, report: Report) -> Any:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.add(file, 1, f"cannot read file: {exc}")
        return None
    return parse_yaml(text, file, report)
