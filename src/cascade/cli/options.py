"""Parsing of option values shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cascade.cli.app import CliError


def codes(values: Iterable[str] | None, option: str) -> list[str]:
    """Rule codes from repeatable, comma-separated values; prefixes such as CAS5 are allowed."""
    if not values:
        return []
    from cascade.rules import REGISTRY  # only when codes are given: the rules import the models

    out: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not any(known.startswith(code) for known in REGISTRY):
                raise CliError(f"{option}: {part.strip()!r} is not a rule code or prefix (see 'cascade rules')")
            out.append(code)
    return out


def as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from cascade.model.date_forms import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise CliError(f"--as-of: {exc}") from None
