"""Spreadsheets the project writes (.xlsx and .csv): text in a cell is never a formula.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be
run as a formula by a spreadsheet program (OWASP "CSV injection"): a producer named
``=HYPERLINK(...)`` must come out of an export as that text, not as a link or a command.
openpyxl itself turns any string starting with ``=`` into a formula.

The rule, in one place:
- in a workbook, such text is written as a string cell (never a formula) with Excel's
  quote prefix, the style Excel gives a value typed with a leading apostrophe: the cell shows
  the text as it is, and stays text when someone edits it;
- in a CSV file, which has no types, such text gets a leading apostrophe.
Numbers, dates and booleans are left as they are (a negative number stays a number).

Every export writes through ``Workbook`` and ``csv_writer`` of this module; ruff's
banned-api rule (pyproject.toml) keeps ``openpyxl.Workbook`` and ``csv.writer`` out of the
rest of the project. The project's own formulas (a total row) are written with ``formula``.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

import openpyxl
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet program could take this value for a formula."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_value(value: Any) -> Any:
    """The value for a CSV cell: formula-like text gets a leading apostrophe."""
    return "'" + value if looks_like_formula(value) else value


def as_text(cell: Cell) -> Cell:
    """Make a cell holding formula-like text a plain string cell with the quote prefix."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def formula(cell: Cell, text: str) -> Cell:
    """Write one of the project's own formulas (``=SUM(B4:B22)``) into a cell."""
    workbook = cell.parent.parent
    if not isinstance(workbook, Workbook):
        raise TypeError("formulas are written only into thanrak.core.spreadsheets.Workbook")
    cell.value = text
    workbook.own_formulas[id(cell)] = (cell, text)
    return cell


class _SafeWriteOnlyWorksheet(WriteOnlyWorksheet):
    """A streamed sheet: each row is made safe as it is appended (it cannot be revisited)."""

    def append(self, row: Iterable[Any]) -> None:
        super().append([self._safe(value) for value in row])

    def _safe(self, value: Any) -> Any:
        if isinstance(value, Cell):
            return as_text(value)
        if looks_like_formula(value):
            return as_text(WriteOnlyCell(self, value=value))
        return value


class Workbook(openpyxl.Workbook):
    """An openpyxl workbook whose text cells are never saved as formulas.

    Cells of ordinary sheets are made safe when the workbook is saved, whichever way they
    were filled in (``append``, ``cell()``, ``sheet["A1"] = …``); rows of a write-only
    workbook as they are appended.
    """

    def __init__(self, *, write_only: bool = False):
        super().__init__(write_only=write_only)
        # id(cell) -> (cell, text); the cell is kept so that its id stays its own.
        self.own_formulas: dict[int, tuple[Cell, str]] = {}

    def create_sheet(self, title: str | None = None, index: int | None = None):
        if not self.write_only:
            return super().create_sheet(title, index)
        sheet = _SafeWriteOnlyWorksheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet

    def save(self, filename) -> None:
        if not self.write_only:
            for sheet in self.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        own = self.own_formulas.get(id(cell))
                        if own is None or own[0] is not cell or cell.value != own[1]:
                            as_text(cell)
        super().save(filename)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    if not isinstance(workbook, Workbook):
        raise TypeError("exports are written with thanrak.core.spreadsheets.Workbook")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class _SafeCsvWriter:
    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, **kwargs) -> _SafeCsvWriter:
    """A ``csv.writer`` whose formula-like text cells get a leading apostrophe."""
    return _SafeCsvWriter(file, **kwargs)
