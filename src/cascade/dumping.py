"""Write a plan as YAML that cascade reads back to an equal plan."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import yaml

from cascade.model.plan import Plan
from cascade.read.scalars import is_plain_non_text
from cascade.store.atomic import write_text_atomic

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """Quotes every string that YAML 1.2 or 1.1 would read as something else, keeps dates plain."""

    def ignore_aliases(self, data: object) -> bool:
        # A plan shares objects (one date for many nodes); anchors and aliases would make the
        # text harder to read and, past 10,000 of them, refused on reading (CAS008).
        return True


def _represent_str(dumper: _Dumper, value: str) -> yaml.Node:
    if is_plain_non_text(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


def _represent_date(dumper: _Dumper, value: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _represent_decimal(dumper: _Dumper, value: Decimal) -> yaml.Node:
    # Every digit, with a point and no exponent: YAML 1.2 (cascade's reader) and 1.1 both read
    # it as a float, written plain, so cascade reads back an equal Decimal (1E+3 as 1000.0).
    # An amount has at most MAX_DIGITS digits this way, so the text stays short enough to read.
    text = f"{value:f}"
    if "." not in text:
        text += ".0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _represent_tuple(dumper: _Dumper, value: tuple[object, ...]) -> yaml.Node:
    return dumper.represent_list(value)  # a record's list fields are tuples; YAML has lists


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(tuple, _represent_tuple)
_Dumper.add_representer(dt.date, _represent_date)
_Dumper.add_representer(Decimal, _represent_decimal)


def dumps(plan: Plan) -> str:
    """The plan as YAML text, fields in the format's order, defaults left out."""
    data = plan.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    data = {"cascade": plan.cascade, **data}
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def dump(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan to ``path`` atomically (the old file stays whole if this is interrupted)."""
    write_text_atomic(Path(path), dumps(plan))
