"""Read raw input tables from CSV files (UTF-8, UTF-8 with BOM or GBK) or one workbook.

Readers return :class:`RawTable` objects: the header row and the data rows with the row
numbers a spreadsheet would show (header = row 1). Nothing is interpreted here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from helpers.errors import Problem

#: Tried in order. ``utf-8-sig`` reads plain UTF-8 too; GB18030 is a superset of GBK.
ENCODINGS = (("utf-8-sig", "UTF-8"), ("gb18030", "GBK"))
HEADER_SEARCH_ROWS = 5


@dataclass
class RawTable:
    """Cells of one CSV file or workbook sheet, before validation."""

    file: str
    sheet: str | None
    header: list[str]
    header_row: int
    rows: list[tuple[int, list]] = field(default_factory=list)
    encoding: str | None = None


def read_csv(path: Path, display: str, problems: list[Problem]) -> RawTable | None:
    """Decode and split a CSV file; report undecodable bytes as a problem."""
    data = path.read_bytes()
    text, encoding = _decode(data)
    if text is None:
        problems.append(Problem(display, "undecodable", {"position": encoding}))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return _raw_table(display, None, [(i, r) for i, r in enumerate(rows, start=1)], encoding)


def _decode(data: bytes) -> tuple[str | None, str]:
    first_error = None
    for codec, label in ENCODINGS:
        try:
            return data.decode(codec), label
        except UnicodeDecodeError as error:
            first_error = first_error or error
    return None, str(first_error.start if first_error else 0)


def read_workbook(path: Path, display: str, problems: list[Problem]) -> dict[str, RawTable]:
    """Every sheet of a workbook, keyed by sheet name; an unreadable file is a problem."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        problems.append(Problem(display, "unreadable_workbook", {"error": type(error).__name__}))
        return {}
    sheets = {}
    for sheet in book.worksheets:
        cells = sheet.iter_rows(min_row=1, values_only=True)
        rows = [(i, list(r)) for i, r in enumerate(cells, start=1)]
        sheets[sheet.title] = _raw_table(display, sheet.title, rows, None)
    book.close()
    return sheets


def _raw_table(display, sheet, numbered_rows, encoding) -> RawTable:
    """Find the header (first non-empty row among the first few) and keep non-empty rows."""
    non_empty = [(i, r) for i, r in numbered_rows if any(_filled(c) for c in r)]
    if not non_empty or non_empty[0][0] > HEADER_SEARCH_ROWS:
        return RawTable(display, sheet, [], 0, [], encoding)
    header_row, header = non_empty[0]
    header = [str(h).strip() if _filled(h) else "" for h in header]
    return RawTable(display, sheet, header, header_row, non_empty[1:], encoding)


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
