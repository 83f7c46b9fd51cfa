"""The Inline XBRL transformations (ixt formats) the filing importer reads: a printed figure, flag or date to its
value, exactly (numbers in Decimal). One table, by the format's local name: the names of the registry's
versions 1 to 5 (2010 to 2020) are alike enough that one entry serves each meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from .text_columns import MONTHS

TRANSFORMATION_NAMESPACE = re.compile(r"^http://www\.xbrl\.org/(inlineXBRL/transformation|2008/inlineXBRL/"
                                      r"transformation)/")


class FormatError(ValueError):
    """The printed text does not read in its format; the message says what was expected."""


_SPACE = "[ \u00a0]"
_DOT_DECIMAL = re.compile(rf"\d{{1,3}}(?:(?:,|{_SPACE})?\d{{3}})*(?:\.\d+)?|\.\d+")
_COMMA_DECIMAL = re.compile(rf"\d{{1,3}}(?:(?:\.|{_SPACE})?\d{{3}})*(?:,\d+)?|,\d+")
_PLAIN = re.compile(r"\d+(?:\.\d*)?|\.\d+")


def _number(pattern: re.Pattern, separators: str, point: str):
    def read(text: str) -> Decimal:
        if not pattern.fullmatch(text):
            raise FormatError("a number")
        for ch in separators:
            text = text.replace(ch, "")
        return Decimal(text.replace(point, "."))
    return read


def _zero(text: str) -> Decimal:
    return Decimal(0)


def _month_name_day_year(text: str) -> dt.date:
    m = re.fullmatch(r"([A-Za-z]+)\.?\s*(\d{1,2})\s*,?\s*(\d{4})", text)
    return _date(int(m.group(3)), _month(m.group(1)), int(m.group(2))) if m else _bad("a date")


def _day_month_name_year(text: str) -> dt.date:
    m = re.fullmatch(r"(\d{1,2})\s*([A-Za-z]+)\.?\s*,?\s*(\d{4})", text)
    return _date(int(m.group(3)), _month(m.group(2)), int(m.group(1))) if m else _bad("a date")


def _month_day_year(text: str) -> dt.date:
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})", text)
    if not m:
        return _bad("a date (month/day/year)")
    year = int(m.group(3))
    return _date(year + 2000 if year < 100 else year, int(m.group(1)), int(m.group(2)))


def _month(name: str) -> int | None:
    """A month by its English name or its first three letters."""
    name = name.lower()
    return next((n for month, n in MONTHS.items() if name == month or (len(name) == 3 and month.startswith(name))),
                None)


def _date(year: int, month: int | None, day: int) -> dt.date:
    try:
        return dt.date(year, month or 0, day)
    except ValueError:
        return _bad("a date")


def _bad(what: str):
    raise FormatError(what)


def _flag(value: bool):
    return lambda text: value


# Numeric formats -> reader of the printed digits (the value before scale and sign).
NUMBERS = {
    "num-dot-decimal": _number(_DOT_DECIMAL, ", \u00a0", "."),
    "numdotdecimal": _number(_DOT_DECIMAL, ", \u00a0", "."),
    "numcommadot": _number(_DOT_DECIMAL, ", \u00a0", "."),
    "numspacedot": _number(_DOT_DECIMAL, ", \u00a0", "."),
    "num-comma-decimal": _number(_COMMA_DECIMAL, ". \u00a0", ","),
    "numcommadecimal": _number(_COMMA_DECIMAL, ". \u00a0", ","),
    "numdotcomma": _number(_COMMA_DECIMAL, ". \u00a0", ","),
    "numspacecomma": _number(_COMMA_DECIMAL, ". \u00a0", ","),
    "fixed-zero": _zero,
    "zerodash": _zero,
    "numdash": _zero,
    "nocontent": _zero,
}
# Other formats (flags and dates) -> reader of the printed text.
VALUES = {
    "fixed-true": _flag(True),
    "booleantrue": _flag(True),
    "fixed-false": _flag(False),
    "booleanfalse": _flag(False),
    "date-monthname-day-year-en": _month_name_day_year,
    "datemonthnamedayyearen": _month_name_day_year,
    "datemonthdayyearen": _month_name_day_year,
    "datelongus": _month_name_day_year,
    "dateshortus": _month_name_day_year,
    "date-day-monthname-year-en": _day_month_name_year,
    "datedaymonthyearen": _day_month_name_year,
    "datelonguk": _day_month_name_year,
    "date-month-day-year": _month_day_year,
    "datemonthdayyear": _month_day_year,
    "dateslashus": _month_day_year,
    "datedotus": _month_day_year,
}


def read_number(text: str, fmt: str | None) -> Decimal:
    """The value of a printed figure in its format (None: the plain decimal digits XBRL writes), before scale
    and sign. Raises FormatError naming what was expected, KeyError for a format this table does not hold."""
    text = " ".join(text.split())
    if fmt is None:
        if not _PLAIN.fullmatch(text):
            raise FormatError("a number")
        return Decimal(text)
    return NUMBERS[fmt](text)


def read_value(text: str, fmt: str | None, kind: type) -> object:
    """A flag (bool) or date (dt.date) as printed in its format; with no format, as XBRL writes it."""
    text = " ".join(text.split())
    if fmt is not None:
        return VALUES[fmt](text)
    if kind is bool:
        if text not in ("true", "false", "1", "0"):
            raise FormatError("true or false")
        return text in ("true", "1")
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise FormatError("a date (yyyy-mm-dd)") from None
