"""Money: parse amounts from YAML source text into Decimal, and format them for print."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")
ZERO = Decimal(0)
# Fifteen digits (under a quadrillion dollars) keep every sum of a filing exact in Decimal's 28 digits.
MAX_DIGITS = 15


class AmountError(ValueError):
    """The text is not an amount; the message says why in plain words."""


PARENTHESES = re.compile(r"^\(\d[\d,]*(\.\d{1,2})?\)$")  # (1,046): a negative amount as statements print it


def parse_amount(text: str) -> Decimal:
    """Parse the source text of an amount: digits, optional sign, at most two decimals.

    Raises AmountError with a plain-English reason for anything else.
    """
    s = text.strip()
    if _AMOUNT.match(s):
        if len(s.lstrip("-").split(".")[0].lstrip("0")) > MAX_DIGITS:
            raise AmountError(f"expected an amount, got {_shown(text)} (more than {MAX_DIGITS} digits "
                              "before the decimal point)")
        return Decimal(s)
    if "_" in s and _AMOUNT.match(s.replace("_", "")):
        raise AmountError(f"expected an amount, got {_shown(text)} (leave out the _ separators)")
    low = s.lower()
    if low in (".nan", "nan", ".inf", "-.inf", "+.inf", "inf", "-inf"):
        raise AmountError(f"expected an amount, got {_shown(text)} (not a number)")
    if re.match(r"^[-+]?\d+(\.\d+)?e[-+]?\d+$", low):
        raise AmountError(f"expected an amount, got {_shown(text)} (write the digits out, no exponent)")
    if re.match(r"^-?\d+\.\d{3,}$", s):
        raise AmountError(f"expected an amount, got {_shown(text)} (more than two decimal places)")
    if s.startswith(("$", "-$")) or "$" in s:
        raise AmountError(f"expected an amount, got {_shown(text)} (leave out the $ sign)")
    if re.match(r"^-?\d{1,3}(,\d{3})+(\.\d{1,2})?$", s):
        raise AmountError(f"expected an amount, got {_shown(text)} (leave out the thousands separators)")
    if PARENTHESES.match(s):
        raise AmountError(f"expected an amount, got {_shown(text)} (write a negative amount with a minus "
                          f"sign: -{s[1:-1].replace(',', '')})")
    if s.startswith("+") and _AMOUNT.match(s[1:]):
        return parse_amount(s[1:])
    raise AmountError(f"expected an amount, got {_shown(text)}")


def _shown(text: str) -> str:
    """The text quoted for a message, cut short if long."""
    return f'"{text}"' if len(text) <= 40 else f'"{text[:37]}..."'


def round_to(value: Decimal, places: int = 0) -> Decimal:
    """Round half up to a number of decimal places (negative places round to tens, hundreds...)."""
    quantum = Decimal(1).scaleb(-places)
    if places >= 0:
        return value.quantize(quantum, rounding=ROUND_HALF_UP)
    return (value / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum


def group(value: Decimal, places: int = 0) -> str:
    """Absolute value with thousands separators: 1234567 -> '1,234,567'."""
    q = round_to(abs(value), places)
    if places <= 0:
        return f"{int(q):,}"
    return f"{q:,.{places}f}"


def accounting(value: Decimal, places: int = 0, zero: str = "--") -> str:
    """Statement style: negatives in parentheses, zero as a dash."""
    if value == ZERO:
        return zero
    text = group(value, places)
    return f"({text})" if value < 0 else text


_PRINTED = re.compile(r"^\$?\s*(?P<open>\()?\s*(?P<minus>-)?\s*\$?\s*(?P<minus2>-)?\s*"
                      r"(?P<digits>\d[\d,]*)(?P<cents>\.\d+)?\s*(?P<close>\))?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})*$")
DASHES = ("-", "--", "\u2013", "\u2014")  # a dash in an amount column is zero


def parse_printed_amount(text: str) -> Decimal | None:
    """Parse an amount as a statement or a trustee's report prints it: `$`, thousands separators, parentheses
    or a minus sign for negatives, a dash for zero. A blank is None (no amount).

    Raises AmountError with a plain-English reason for anything else; the digits go through parse_amount.
    """
    s = text.strip()
    if not s:
        return None
    if s in DASHES:
        return ZERO
    m = _PRINTED.match(s)
    if not m or s.count("$") > 1 or bool(m["open"]) != bool(m["close"]) or (m["minus"] and m["minus2"]) or \
            (m["open"] and (m["minus"] or m["minus2"])):
        raise AmountError(f"expected an amount, got {_shown(text)}")
    digits = m["digits"]
    if "," in digits and not _GROUPED.match(digits):
        raise AmountError(f"expected an amount, got {_shown(text)} (thousands separators in the wrong places)")
    negative = bool(m["open"] or m["minus"] or m["minus2"])
    return parse_amount(("-" if negative else "") + digits.replace(",", "") + (m["cents"] or ""))
