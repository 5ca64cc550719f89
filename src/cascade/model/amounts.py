"""Amounts kept exact, and printed as people read them: ``600,000 USD``, ``12.5 meetings``, ``83%``.

Money is never a float here. An amount is an ``int`` or a ``Decimal`` holding every digit
as written, sums are exact, and a ratio of two amounts is a ``Fraction``: a 400-digit
target neither overflows nor loses its last digits, and ``0.1 + 0.2`` is ``0.3``.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

Number: TypeAlias = int | Decimal
"""An exact amount: an int for whole numbers written without a point, a Decimal otherwise."""

MAX_DIGITS = 1000
"""Most digits an amount may take written out in full (``1e5`` takes six). Far beyond any
plan, and well inside what Python turns into text (4300 digits) and what the reader keeps
as a number (4000 characters), so every amount accepted can be printed and written back."""

_INT_LIMIT = 10**MAX_DIGITS

# Addition at the largest precision never rounds: a sum takes only the digits it needs.
# Only addition runs in it (a division at this precision would try to fill every digit).
_EXACT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Overflow, decimal.Inexact, decimal.DivisionByZero],
)


def decimal_of(text: str) -> Decimal | None:
    """``text`` (a YAML 1.2 float such as ``12.5`` or ``1e3``) as an exact Decimal, or None
    when its exponent is beyond what Decimal can hold."""
    try:
        return _EXACT.create_decimal(text)
    except decimal.DecimalException:
        return None


def from_float(value: float) -> Decimal:
    """A float given by a script, as the Decimal of its shortest repr (``0.1`` is ``0.1``, not
    ``0.1000000000000000055...``). The caller has checked that it is finite."""
    return Decimal(repr(value))


def trimmed(value: Decimal) -> Decimal:
    """The same number without trailing zeros (``12.50`` is ``12.5``, ``1000.0`` is ``1E+3``):
    one form per number, so an amount written back with a point reads back the same."""
    try:
        return _EXACT.normalize(value)
    except decimal.DecimalException:  # an exponent past any context's: refused as too long anyway
        return value


def written_digits(value: Number) -> int:
    """How many digits ``value`` takes written out in full, without an exponent (``12.50`` takes
    four, ``1E+3`` four); for an int longer than :data:`MAX_DIGITS`, that + 1 (a huge int is
    never turned into text: Python refuses past 4300 digits)."""
    if isinstance(value, int):
        if abs(value) >= _INT_LIMIT:
            return MAX_DIGITS + 1
        return len(str(abs(value)))
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # infinity or NaN: never an amount
        return MAX_DIGITS + 1
    if exponent >= 0:
        return len(digits) + exponent
    return max(len(digits), 1 - exponent)  # 0.001 is written with a leading zero


def add(values: Iterable[Number]) -> Number:
    """The exact sum; an int while every value is one."""
    total: Number = 0
    for value in values:
        if isinstance(total, int) and isinstance(value, int):
            total += value
        else:
            total = _EXACT.add(total, value)
    return total


def ratio(part: Number, whole: Number) -> Fraction:
    """``part / whole``, exactly. ``whole`` is not zero."""
    return Fraction(part) / Fraction(whole)


def amount_text(value: Number, unit: str | None) -> str:
    """Every digit of ``value`` with thousands separators, no trailing zeros after the point."""
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{value:,f}"  # no precision given, so no rounding
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text == "-0":
            text = "0"
    return f"{text} {unit}" if unit else text


Rounding = Literal["nearest", "down", "up"]

_MOST_PERCENT = 999


def percent_text(value: Fraction | Number | float, rounding: Rounding = "nearest") -> str:
    """A ratio as a whole percentage: ``83%``; ``>999%`` above 999%, ``<1%`` for a sliver.

    ``down`` and ``up`` keep a ratio below (or above) a bound from printing as the bound
    itself: 99.6% of a 100% minimum reads ``99%``, not ``100%``.
    """
    if isinstance(value, float) and not math.isfinite(value):  # from a template's own arithmetic
        if math.isnan(value):
            return "n/a"
        return f">{_MOST_PERCENT}%" if value > 0 else f"<-{_MOST_PERCENT}%"
    hundredths = Fraction(value) * 100
    if rounding == "down":
        percent = math.floor(hundredths)
    elif rounding == "up":
        percent = math.ceil(hundredths)
    else:
        percent = round(hundredths)
    if percent > _MOST_PERCENT:
        return f">{_MOST_PERCENT}%"
    if percent < -_MOST_PERCENT:
        return f"<-{_MOST_PERCENT}%"
    if percent == 0 and hundredths != 0:
        return "<1%" if hundredths > 0 else ">-1%"
    return f"{percent}%"
