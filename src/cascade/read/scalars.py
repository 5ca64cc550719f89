"""Plain scalars read by YAML 1.2's core schema, not PyYAML's YAML 1.1 rules.

Only ``true``/``false`` are booleans (Norway's ``NO`` stays text), ``010`` is ten,
``1:30`` is text, and dates stay text for the models to read in the format's forms.
A float-looking scalar (``12.5``, ``1e3``) is an exact ``Decimal``; only ``.inf`` and
``.nan`` are floats, for the models to refuse.
"""

from __future__ import annotations

import re

from cascade.model.amounts import decimal_of

_CONSTANTS: dict[str, object] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_NUMBER_START = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
# Python refuses to turn longer digit strings into int (CVE-2020-10735); such text stays text.
_MAX_DIGITS = 4000


def resolve_plain(text: str) -> object:
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema."""
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] not in _NUMBER_START or len(text) > _MAX_DIGITS:
        return text
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        # Exact, not a float: 12345678901234567890.5 keeps its last digits. An exponent too
        # big for any Decimal (1e99999999999999999999) leaves the text as text.
        exact = decimal_of(text)
        return text if exact is None else exact
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    return text


def is_plain_non_text(text: str) -> bool:
    """True when YAML 1.2 would read this text, written plain, as something other than a string."""
    return text == "" or not isinstance(resolve_plain(text), str)
