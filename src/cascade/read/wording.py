"""A pydantic error in the plan's words: what the value should be, never "Input should be a valid tuple".

pydantic's messages speak of Python types (tuple, dictionary, integer); people write YAML
lists, mappings and numbers. Every error type a plan can give is worded here, and one
this table does not know says only that the value is not accepted, so pydantic's own
phrasing never reaches a diagnostic.
"""

from __future__ import annotations

from pydantic_core import ErrorDetails

from cascade.model.date_forms import FORMS_HINT

_LISTS = {
    "people": ("people", "{id: ana, name: Ana Lima}"),
    "teams": ("teams", "{id: emea, name: EMEA Sales}"),
    "objectives": ("nodes", "{id: arr, title: Grow new ARR}"),
    "children": ("nodes", "{id: arr, title: Grow new ARR}"),
    "moments": ("moments", "{id: discovery, name: First call}"),
    "blockers": ("blockers", "{id: legal, title: Slow reviews}"),
    "supports": ("node ids", "arr, emea-arr"),
    "blocks": ("node ids", "arr, emea-arr"),
    "with": ("person ids", "ana, ben"),
    "members": ("person ids", "ana, ben"),
    "standard": ("lines of text", "Agree the next step, Send notes the same day"),
    "ignore": ("rule codes", "CAS204, CAS504"),
}
"""A list field -> what its items are, and an example of them."""

_LIST_TYPES = frozenset({"list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"})
_MAPPING_TYPES = frozenset(
    {"dict_type", "model_type", "model_attributes_type", "dataclass_type", "dataclass_args_type", "mapping_type"}
)
_WHOLE_NUMBER_TYPES = frozenset({"int_type", "int_parsing", "int_from_float", "int_parsing_size"})
_NUMBER_TYPES = frozenset(
    {"float_type", "float_parsing", "decimal_type", "decimal_parsing", "finite_number", "complex_type"}
)
_DATE_TYPES = frozenset(
    {
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "date_past",
        "date_future",
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
    }
)
_BOUNDS = {
    "greater_than": ("more than", "gt"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "less_than_equal": ("at most", "le"),
}


def plain_problem(error: ErrorDetails) -> str:
    """What is wrong with the value ``error`` is about, as a clause: ``a list of nodes is needed here, not nothing``."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind.startswith("cascade_"):  # cascade's own checks already speak the plan's words
        return str(error["msg"])
    if kind == "string_pattern_mismatch":
        if "CAS" in str(ctx.get("pattern", "")):
            return f"{value!r} is not a rule code such as CAS201"
        return f"{value!r} is not a valid id (use letters, digits, '-', '_' and '.')"
    if kind == "string_too_short":
        return "it cannot be empty"
    if kind == "string_too_long":
        return f"it is too long: at most {ctx.get('max_length')} characters"
    if kind in ("string_type", "string_sub_type", "string_unicode"):
        return f"text is needed here, not {shown(value)}"
    if kind in _LIST_TYPES:
        return _list_problem(error["loc"], value)
    if kind in ("too_short", "too_long"):
        most = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"the list needs {'at least' if kind == 'too_short' else 'at most'} {most} items"
    if kind in _MAPPING_TYPES:
        return f"a mapping of fields is needed here, not {shown(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"true or false is needed here, not {shown(value)}"
    if kind in _WHOLE_NUMBER_TYPES:
        return f"a whole number such as 3 is needed here, not {shown(value)}"
    if kind in _NUMBER_TYPES:
        return f"a number is needed here, not {shown(value)}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"it must be {words} {ctx.get(key)}, not {shown(value)}"
    if kind in _DATE_TYPES:
        return f"a date such as {FORMS_HINT} is needed here, not {shown(value)}"
    if kind in ("literal_error", "enum"):
        return f"{value!r} is not allowed; use {ctx.get('expected', 'one of the allowed values')}"
    if kind == "missing":
        return "it is required"
    if kind == "extra_forbidden":
        return "this field is not part of the format"
    if kind == "recursion_loop":
        return "the value contains itself (an alias inside its own anchor)"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    return f"{shown(value)} is not accepted here"


def _list_problem(loc: tuple[int | str, ...], value: object) -> str:
    names = [part for part in loc if isinstance(part, str)]
    field = names[-1] if names else ""
    items, example = _LISTS.get(field, ("values", "a, b"))
    if value is None:  # ``children:`` with nothing after it
        return f"a list of {items} is needed here, not nothing: write [] or leave {field!r} out when there are none"
    return f"a list of {items} is needed here, such as [{example}], not {shown(value)}"


def shown(value: object) -> str:
    """A value as a message names it: a mapping or a list by its kind, a scalar as written."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:28]}...{text[-28:]}"
