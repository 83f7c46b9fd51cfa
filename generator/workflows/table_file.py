"""Read a spreadsheet-like file (CSV, or the first sheet of an .xlsx workbook) into rows of cell texts.

Every cell comes back as the text a reader sees, so one amount parser serves both formats; numbers from a
workbook are converted through Decimal, never float arithmetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from ..load.yaml_source import SourceTooLarge, read_source

EXCEL = (".xlsx", ".xlsm")
MAX_BYTES = 64 * 1024 * 1024


class TableFileError(ValueError):
    """The file cannot be read as a table; the message names the file and says why."""


def read_rows(path: Path, name: str | None = None) -> list[list[str]]:
    """The rows of path (CSV, TSV or .xlsx) as lists of stripped cell texts; row n of the file is index n-1."""
    name = name or str(path)
    if path.suffix.lower() == ".xls":
        raise TableFileError(f"{name}: the old Excel format (.xls) cannot be read; save it as .xlsx or CSV")
    try:
        raw = read_source(path, MAX_BYTES)  # a regular file only, its size counted as read (/dev/zero says 0)
    except SourceTooLarge as exc:
        raise TableFileError(f"{name}: file is {exc.size or f'more than {MAX_BYTES:,}'} bytes; the limit is "
                             f"{MAX_BYTES:,}") from None
    except OSError as exc:
        raise TableFileError(f"{name}: cannot read file: {exc.strerror or exc}") from None
    if path.suffix.lower() in EXCEL:
        return _excel_rows(io.BytesIO(raw), name)
    return _csv_rows(raw, name, "\t" if path.suffix.lower() in (".tsv", ".tab") else ",")


def _csv_rows(raw: bytes, name: str, delimiter: str) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # trustee exports from Windows tools
    if "\x00" in text:
        raise TableFileError(f"{name}: not a text file (is it a workbook? name it .xlsx)")
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""),
                                                                         delimiter=delimiter)]
    except csv.Error as exc:
        raise TableFileError(f"{name}: not a readable CSV file ({exc})") from None


def _excel_rows(path: Path | io.BytesIO, name: str) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableFileError(f"{name}: not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [[excel_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def excel_text(value: object) -> str:
    """A workbook cell's value as the text a reader sees (numbers exactly, dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A stored binary fraction (e.g. a formula's 1046.1000000000001) is the cents it stands for.
        exact = Decimal(repr(value))
        cents = exact.quantize(Decimal("0.01"))
        return f"{cents if abs(exact - cents) < Decimal('0.000001') else exact:f}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
