"""Numbers as people read them: ``600,000 USD``, ``12.5 meetings``."""

from __future__ import annotations


def amount_text(value: float, unit: str | None) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}" if unit else text
