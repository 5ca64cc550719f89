"""Pydantic models of the plan format, version 1 (see docs/format.md).

Every model forbids unknown fields, so a typo is a diagnostic (CAS003), never a silent
default. Field docstrings become the descriptions of ``cascade schema``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    SerializerFunctionWrapHandler,
    StrictBool,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    WrapSerializer,
    model_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from cascade.model.amounts import MAX_DIGITS, Number, amount_text, from_float, trimmed, written_digits
from cascade.model.date_forms import FORMS_HINT, parse_date

ID_PATTERN = r"^[A-Za-z0-9_.-]+$"
CODE_PATTERN = r"^CAS[0-9]{3}$"
DATE_PATTERN = (
    r"^[0-9]{4}-(?:(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|[Qq][1-4]|W(?:0[1-9]|[1-4][0-9]|5[0-3]))$"
)
"""For editors; days that do not exist in their month (2027-02-30) are left to the reader (CAS004)."""


# A plan writes the same few hundred dates again and again: equal texts give one shared
# date object (less memory, and a cached file pickles each date once).
_day_of = functools.lru_cache(maxsize=4096)(parse_date)


def _to_date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return _day_of(value)
        except ValueError as exc:
            raise PydanticCustomError("cascade_date", "{reason}", {"reason": str(exc)}) from None
    raise PydanticCustomError("cascade_date", "a date is needed here, such as {hint}", {"hint": FORMS_HINT})


def _to_amount(value: object) -> Number:
    """An exact amount (see cascade.model.amounts): an int, or a Decimal for a decimal or a script's float."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("cascade_number", "a number is needed here, not {value}", {"value": repr(value)})
    amount: Number
    if isinstance(value, int):
        amount = value
    elif value.is_finite() if isinstance(value, Decimal) else math.isfinite(value):
        amount = trimmed(value if isinstance(value, Decimal) else from_float(value))
    else:
        raise PydanticCustomError("cascade_number", "a finite number is needed here", {})
    if written_digits(amount) > MAX_DIGITS:
        raise PydanticCustomError(
            "cascade_number", "a number of at most {most} digits is needed here", {"most": MAX_DIGITS}
        )
    return amount


def _non_negative(value: object) -> Number:
    amount = _to_amount(value)
    if amount < 0:
        raise PydanticCustomError(
            "cascade_number", "a target cannot be negative ({value})", {"value": _short(amount_text(amount, None))}
        )
    return amount


def _non_negative_bound(value: object) -> Number:
    bound = _to_amount(value)
    if bound < 0:
        raise PydanticCustomError(
            "cascade_number",
            "a coverage bound cannot be negative ({value})",
            {"value": _short(amount_text(bound, None))},
        )
    return bound


def _short(text: str) -> str:
    """A number for a message: a 400-digit one shown by its ends."""
    return text if len(text) <= 40 else f"{text[:18]}...{text[-18:]}"


def _amount_json(value: Number) -> int | float:
    """A JSON number, not a string: an exact int for a whole amount, else the nearest float
    (beyond a float's range, the whole part)."""
    if isinstance(value, int):
        return value
    whole = int(value)
    if whole == value:
        return whole
    near = float(value)
    return near if math.isfinite(near) else whole


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=200)]
"""An id: letters, digits, '-', '_' and '.'; unique across the whole plan."""
Text = Annotated[str, StringConstraints(min_length=1)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Day = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": f"A date: {FORMS_HINT} (the last day of a month or quarter, the Sunday of a week).",
        }
    ),
]
_AS_JSON_NUMBER = PlainSerializer(_amount_json, when_used="json")
Amount = Annotated[Number, PlainValidator(_to_amount), _AS_JSON_NUMBER, WithJsonSchema({"type": "number"})]
Target = Annotated[
    Number, PlainValidator(_non_negative), _AS_JSON_NUMBER, WithJsonSchema({"type": "number", "minimum": 0})
]
Share = Annotated[
    Number, PlainValidator(_non_negative_bound), _AS_JSON_NUMBER, WithJsonSchema({"type": "number", "minimum": 0})
]
"""A ratio bound, kept exact so that a coverage of exactly 1.1 meets a minimum of 1.1."""
SeverityName = Literal["error", "warning", "info", "off"]
NodeStatus = Literal["planned", "in_progress", "done", "dropped"]
BlockerStatus = Literal["open", "resolved"]
Cadence = Literal["weekly", "fortnightly", "monthly"]


CONFIG: ConfigDict = {
    "extra": "forbid",
    "validate_by_name": True,
    "validate_by_alias": True,
    "serialize_by_alias": True,
    "coerce_numbers_to_str": True,
    "use_attribute_docstrings": True,
    "defer_build": True,
}
"""The shared configuration: no unknown fields, numbers accepted as text, docstrings as docs."""


class Model(BaseModel):
    """A settings section: there is one of each per plan."""

    model_config = CONFIG


R = TypeVar("R", bound="Record")


class Record:
    """What the records (people, teams, nodes, moments, blockers and their parts) share.

    Records are slotted pydantic dataclasses, not ``BaseModel`` s: a plan holds millions of
    them, and a slotted dataclass takes a fraction of the memory (no instance dict, no
    per-instance set of the fields given). These methods keep the familiar model API.
    Their list fields are tuples, so an empty one costs nothing.
    """

    __slots__ = ()

    @classmethod
    def model_validate(cls: type[R], data: object) -> R:
        return _adapter(cls).validate_python(data)  # type: ignore[no-any-return]

    def model_dump(self, **options: Any) -> dict[str, Any]:
        return _adapter(type(self)).dump_python(self, **options)  # type: ignore[no-any-return]

    def model_dump_json(self, **options: Any) -> str:
        return _adapter(type(self)).dump_json(self, **options).decode()

    def model_copy(self: R, *, update: dict[str, Any] | None = None) -> R:
        return dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        return _adapter(cls).json_schema(by_alias=True)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(cls: type) -> TypeAdapter[Any]:
    """One adapter per record class, made on first use (making one costs a schema build)."""
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def fields_of(cls: type) -> dict[str, FieldInfo]:
    """A model's or a record's fields, by attribute name."""
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return dict(cls.model_fields)
    return dict(getattr(cls, "__pydantic_fields__", {}))


class Coverage(Model):
    """Bounds on the sum of children's targets divided by their parent's target."""

    min: Share = Decimal("1.0")
    """Below this, children do not cover the parent's target (CAS401)."""
    max: Share = Decimal("1.5")
    """Above this, children are asked for far more than the parent (CAS402)."""


class Policy(Model):
    """Knobs read by the rules."""

    quota_coverage: Coverage = Field(default_factory=Coverage)
    """Allowed coverage of a parent's target by its children's targets."""
    frontline_per_report: Annotated[int, Field(ge=0, strict=True)] = 1
    """Frontline commitments each leader owes each direct report (CAS504)."""
    max_due_per_week: Annotated[int, Field(ge=1, strict=True)] = 5
    """Leaf commitments one person may have due in one ISO week (CAS601)."""


class CheckLimits(Model):
    """Safety caps for reading the other files of a directory plan (CAS008)."""

    max_file_size: Annotated[int, Field(gt=0, strict=True)] | None = None
    """Largest file, in bytes (default 512 MB)."""
    max_depth: Annotated[int, Field(gt=0, strict=True)] | None = None
    """Deepest nesting (default 100)."""
    max_alias_nodes: Annotated[int, Field(gt=0, strict=True)] | None = None
    """Most nodes aliases may expand to per file (default 10,000)."""


class Checks(Model):
    """Which rules run and how loudly, like a linter's configuration."""

    ignore: list[Code] = Field(default_factory=list)
    """Rule codes switched off for the whole plan."""
    severity: dict[Code, SeverityName] = Field(default_factory=dict)
    """Severity per rule code: error, warning, info or off."""
    limits: CheckLimits | None = None
    """Safety caps for the other files of a directory plan; the file holding them is read with the defaults."""


class RosterColumns(Model):
    """The roster's own header for each column, where it differs from the column's name.

    Headers are matched ignoring case and spacing, so ``Manager`` needs no entry here;
    ``Manager ID`` does."""

    id: Text | None = None
    """Header of the column holding each person's id."""
    name: Text | None = None
    """Header of the column holding each person's full name."""
    role: Text | None = None
    """Header of the column holding each person's job title."""
    email: Text | None = None
    """Header of the column holding each person's work email."""
    manager: Text | None = None
    """Header of the column holding the id of each person's manager."""


class RosterFile(Model):
    """A roster CSV and, when its headers are not cascade's column names, which header is which."""

    file: Text
    """The CSV file, beside the plan's header file."""
    columns: RosterColumns = Field(default_factory=RosterColumns)
    """The roster's header for each column cascade reads; columns not named here keep their names."""

    @property
    def mapped(self) -> dict[str, str]:
        """Column -> the header the map names for it (only the columns it names)."""
        return {column: header for column, header in self.columns.model_dump().items() if header is not None}


def _roster_form(value: object) -> object:
    """``roster: roster.csv`` is short for ``roster: {file: roster.csv}``."""
    if isinstance(value, str) or (isinstance(value, int | float | Decimal) and not isinstance(value, bool)):
        return {"file": str(value)} if value != "" else None  # an empty name has always meant no roster
    if value is None or isinstance(value, dict | RosterFile):
        return value
    raise PydanticCustomError(
        "cascade_roster",
        "a CSV file name such as roster.csv, or a mapping such as {example}, is needed here",
        {"example": "{file: roster.csv, columns: {id: Employee ID}}"},
    )


def _roster_as_written(roster: RosterFile, handler: SerializerFunctionWrapHandler) -> object:
    # a roster without a column map is written the short way, as plans write it
    return roster.file if not roster.mapped else handler(roster)


class Header(Model):
    """The plan's name and period, and its settings."""

    name: Text
    """The plan's name, as people call it."""
    start: Day
    """First day of the plan period."""
    end: Day
    """Last day of the plan period."""
    roster: Annotated[
        Annotated[RosterFile, WrapSerializer(_roster_as_written)] | None,
        BeforeValidator(_roster_form, json_schema_input_type=str | RosterFile | None),
    ] = None
    """A CSV file beside this one with more people (columns id, name, role, email, manager),
    or its file and the headers it uses for those columns."""
    policy: Policy = Field(default_factory=Policy)
    """Knobs read by the rules."""
    checks: Checks = Field(default_factory=Checks)
    """Rules switched off or made louder or quieter."""

    @model_validator(mode="after")
    def _period(self) -> Header:
        if self.end < self.start:
            raise PydanticCustomError(
                "cascade_period",
                "the plan ends ({end}) before it starts ({start})",
                {"end": self.end.isoformat(), "start": self.start.isoformat()},
            )
        return self


@pydantic_dataclass(config=CONFIG, slots=True)
class Person(Record):
    """Someone in the sales organisation."""

    id: Id
    """Unique id, used everywhere the person is named."""
    name: Text
    """Full name, as shown in briefs and messages."""
    role: str | None = None
    """Job title."""
    email: str | None = None
    """Work email address."""
    manager: Id | None = None
    """Id of the person they report to."""
    ignore: tuple[Code, ...] = ()
    """Rule codes silenced for this person only (the rules that point at a person: CAS204, CAS504, CAS601...)."""


@pydantic_dataclass(config=CONFIG, slots=True)
class Team(Record):
    """A group of people with a lead; a node may be owned by a team."""

    id: Id
    """Unique id."""
    name: Text
    """Team name."""
    lead: Id | None = None
    """Id of the person who leads the team."""
    members: tuple[Id, ...] = ()
    """Ids of members; the lead's direct reports are members too."""
    parent: Id | None = None
    """Id of the team this one belongs to."""


@pydantic_dataclass(config=CONFIG, slots=True)
class Measure(Record):
    """How a node's result is counted."""

    metric: str | None = None
    """What is counted, e.g. new ARR."""
    unit: str | None = None
    """Unit of the target, e.g. USD; children must use their parent's unit."""
    target: Target | None = None
    """The number to reach."""
    current: Amount | None = None
    """Where it stands today."""


@pydantic_dataclass(config=CONFIG, slots=True)
class Change(Record):
    """What someone must do differently."""

    from_: Annotated[Text, Field(alias="from")]
    """The old way."""
    to: Text
    """The new way."""


@pydantic_dataclass(config=CONFIG, slots=True)
class Node(Record):
    """An objective or a commitment: what is to be done, by whom, by when."""

    id: Id
    """Unique id."""
    title: Text
    """What is to be done."""
    owner: Id | None = None
    """Who: a person id (required on a commitment) or a team id."""
    due: Day | None = None
    """When: required on a commitment."""
    measure: Measure | None = None
    """How the result is counted."""
    children: tuple[Node, ...] = ()
    """Nodes below this one, written nested."""
    supports: tuple[Id, ...] = ()
    """Ids of the nodes this one contributes to (the flat form of children)."""
    done_when: Text | None = None
    """How everyone can tell it is done, when there is no numeric target."""
    kind: str | None = None
    """'frontline' for a leader's time with the frontline, or free text."""
    with_: tuple[Id, ...] = Field(default=(), alias="with")
    """Ids of the people it is done with (frontline work)."""
    personal: StrictBool = False
    """True when the owner must do it personally; it may not be handed down."""
    moment: Id | None = None
    """Id of the customer moment this work runs through."""
    change: Change | None = None
    """What the owner must do differently."""
    status: NodeStatus = "planned"
    """planned, in_progress, done or dropped."""
    notes: str | None = None
    """Free notes."""
    ignore: tuple[Code, ...] = ()
    """Rule codes silenced on this node only."""
    cadence: Cadence | None = None
    """How often the work recurs until it is due (weekly, fortnightly or monthly), such as a
    leader's frontline time; the owner's calendar repeats it from the plan's start."""

    @property
    def is_frontline(self) -> bool:
        """Leader time with the frontline (``kind: frontline``, in any case)."""
        return (self.kind or "").strip().lower() == "frontline"

    @property
    def is_open(self) -> bool:
        """Neither done nor dropped."""
        return self.status in ("planned", "in_progress")

    def is_overdue(self, as_of: dt.date) -> bool:
        """Open, and due before ``as_of``."""
        return self.due is not None and self.due < as_of and self.is_open


@pydantic_dataclass(config=CONFIG, slots=True)
class Moment(Record):
    """A customer moment, designed by a leader, with the standard it must meet."""

    id: Id
    """Unique id."""
    name: Text
    """Name of the moment, e.g. First discovery call."""
    architect: Id | None = None
    """Id of the leader who designs this moment."""
    standard: tuple[Text, ...] = ()
    """How the moment must run, one line per point."""


@pydantic_dataclass(config=CONFIG, slots=True)
class Blocker(Record):
    """An obstacle that a leader removes for someone."""

    id: Id
    """Unique id."""
    title: Text
    """What stands in the way."""
    raised_by: Id | None = None
    """Id of the person it blocks."""
    blocks: tuple[Id, ...] = ()
    """Ids of the nodes it holds up."""
    helper: Id | None = None
    """Id of the person who removes it."""
    due: Day | None = None
    """When it will be removed."""
    status: BlockerStatus = "open"
    """open or resolved."""


class PlanFile(Model):
    """One file of a plan: the header file has cascade and plan, the others only lists."""

    cascade: Any = None
    """Format version: 1."""
    plan: Header | None = None
    """The plan's header."""
    people: list[Person] = Field(default_factory=list)
    """The people of the organisation."""
    teams: list[Team] = Field(default_factory=list)
    """Teams and their leads."""
    objectives: list[Node] = Field(default_factory=list)
    """The cascade of objectives and commitments."""
    moments: list[Moment] = Field(default_factory=list)
    """Customer moments and how they must run."""
    blockers: list[Blocker] = Field(default_factory=list)
    """Obstacles and who removes them."""


SECTIONS = ("people", "teams", "objectives", "moments", "blockers")

LAYOUT_CLASSES: tuple[type, ...] = (
    Coverage,
    Policy,
    CheckLimits,
    Checks,
    RosterColumns,
    RosterFile,
    Header,
    Person,
    Team,
    Measure,
    Change,
    Node,
    Moment,
    Blocker,
)
"""Every class a checked plan file is made of (the cache keys on their fields)."""
"""The list sections, in the order of the format page."""
