"""CSV exports that spreadsheets open as UTF-8 and never read as formulas (OWASP CSV injection).

Every CSV the app serves is written here. A text cell that begins with `=`, `+`, `-`, `@`, a
tab or a carriage return gets a leading single quote, so that a student named
"=HYPERLINK(...)" shows as that text instead of running as a formula.

Numbers passed as `int` or `float` are written as they are: a negative number is a figure, not a
formula. Figures passed as text (formatted for a locale, "28,6 %") are treated like any text, so
a negative one would show with its quote; the app's figures (scores, counts) are never negative.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # tells spreadsheets the file is UTF-8

Cell = str | int | float | None


def neutralise(cell: Cell) -> Cell:
    """The cell as it is, or with a quote in front if a spreadsheet would read it as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_text(rows: Iterable[Sequence[Cell]]) -> str:
    """The rows as CSV text, the BOM first, every cell neutralised."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def csv_response(rows: Iterable[Sequence[Cell]], filename: str) -> Response:
    """A CSV download named `filename`."""
    return Response(
        csv_text(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
