"""Parsing of option values shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum, EnumMeta
from typing import TYPE_CHECKING, TypeAlias, cast

from cascade.cli.app import CliError
from cascade.formats import BY_COMMAND

if TYPE_CHECKING:
    from cascade.model.plan import Plan


class FormatName(str, Enum):
    """One of a command's formats. Typer offers a choice as an Enum; each command's is made
    by :func:`format_choice` from ``cascade.formats``, and its members are the names
    themselves (a member is equal to, and prints as, its name)."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(self, spec)


def format_choice(command: str) -> type[FormatName]:
    """The formats ``cascade.formats`` names for ``command``, as the Enum its ``--format`` takes."""
    names = BY_COMMAND[command]
    # Enum's functional API, called through the metaclass: the type checker reads a direct
    # call only with literal names
    choice = EnumMeta.__call__(
        FormatName, f"{command.title()}Format", [(name, name) for name in names], module=__name__
    )
    return cast("type[FormatName]", choice)


# Each command's choice, made here once. The type checker sees the common base: it cannot
# read an Enum made at run time, and the commands only compare members with names.
if TYPE_CHECKING:
    ReportFormat: TypeAlias = FormatName
    GraphFormat: TypeAlias = FormatName
    DiffFormat: TypeAlias = FormatName
    RulesFormat: TypeAlias = FormatName
else:
    ReportFormat = format_choice("validate")
    GraphFormat = format_choice("graph")
    DiffFormat = format_choice("diff")
    RulesFormat = format_choice("rules")


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


def load_plan(argument: str) -> Plan:
    """The plan a command is given, the one way every command that shows or compares a plan
    reads it: a file, a directory, or ``REV:PATH`` in git. A plan that cannot be read is a
    one-line error (exit 2)."""
    from cascade.errors import PlanError
    from cascade.read.revision import RevisionError, load_plan_argument

    try:
        return load_plan_argument(argument)
    except RevisionError as exc:
        raise CliError(str(exc)) from None
    except PlanError as exc:
        raise CliError(f"{argument} is not a readable plan: {exc}") from None
