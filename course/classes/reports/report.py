"""One shape for every instructor's report: typed rows and the columns that show them.

A report's rows come from its query; its columns say, each, what the header reads, how to get the
column's value from a row, how to show that value in HTML and write it in CSV, and whether the
table sorts by it. The HTML table (classes/_report.html) and the CSV (`csv_rows`) are both made
from the columns, so a report never writes either itself.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from markupsafe import Markup

from course.csvexport import Cell

Row = TypeVar("Row")
ROW_HEADER = '<th scope="row">{}</th>'
CELL = "<td>{}</td>"


@dataclass(frozen=True, slots=True)
class Column(Generic[Row]):
    key: str  # names the column in a sort link: ?sort=<key>
    label: str
    value: Callable[[Row], Any]
    html: Callable[[Any], Markup]  # the value as the cell's escaped content
    csv_headers: tuple[str, ...]  # a column may be several in the file (a grade, its comment…)
    csv: Callable[[Any], tuple[Cell, ...]]  # one cell for each of csv_headers
    sort: Callable[[Any], Any] | None = None  # the sort key of a value; None: not sortable
    meta: Markup | str = ""  # small print under the label
    footer: Markup | str = ""  # the table's last row (an average, say)
    is_row_header: bool = False  # what a screen reader announces for the row's other cells


@dataclass(frozen=True)
class Report(Generic[Row]):
    columns: Sequence[Column[Row]]
    rows: Sequence[Row]
    default_sort: str
    sort_key: str = ""  # the column the rows are sorted by, "" before `sorted`
    descending: bool = False

    @property
    def has_footer(self) -> bool:
        return any(c.footer for c in self.columns)

    def sorted(self, key: str | None, descending: bool = False) -> "Report[Row]":
        """The report with its rows sorted by the column `key` (an unknown one: the default)."""
        by = {c.key: c for c in self.columns if c.sort is not None}
        column = by.get(key or "") or by[self.default_sort]
        get, sort = column.value, column.sort
        rows = sorted(self.rows, key=lambda row: sort(get(row)), reverse=descending)
        return replace(self, rows=rows, sort_key=column.key, descending=descending)

    def html_rows(self) -> Iterator[Markup]:
        """Each row's cells as HTML, ready for its <tr>.

        Built here rather than by a template expression (or a macro) for each cell: a class of 500
        students has over 6,000 cells, and a Jinja macro per cell takes almost twice as long as
        the whole table made so (docs/reports.md gives the figures). The HTML of a cell is the
        column's; only the <td> and <th> tags are added here, and every column's `html` returns
        Markup it has escaped.
        """
        cells = [(c.value, c.html) for c in self.columns]
        # One format a row; plain text formatting, as Markup's + would escape the tags.
        template = "".join(ROW_HEADER if c.is_row_header else CELL for c in self.columns)
        for row in self.rows:
            yield Markup(template.format(*[html(value(row)) for value, html in cells]))  # noqa: S704 - every part escaped by its column

    def csv_rows(self) -> Iterator[tuple[Cell, ...]]:
        """The header, then each row: what csvexport writes."""
        yield tuple(header for c in self.columns for header in c.csv_headers)
        cells = [(c.value, c.csv) for c in self.columns]
        for row in self.rows:
            yield tuple(cell for value, csv in cells for cell in csv(value(row)))
