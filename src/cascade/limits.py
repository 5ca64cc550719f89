"""Safety caps applied while a file is read (CAS008), before any schema check."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much input cascade accepts. The defaults are the format's; each can be raised or lowered."""

    max_file_size: int = 512 * MB
    """Largest file read, in bytes."""
    max_depth: int = 100
    """Deepest nesting of mappings and sequences."""
    max_alias_nodes: int = 10_000
    """Most nodes that anchors and aliases may expand to, in total, per file."""


DEFAULT_LIMITS = Limits()
