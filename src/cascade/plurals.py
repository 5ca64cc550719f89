"""Small pieces of English the command line and the reporters share."""

from __future__ import annotations


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it takes: ``1 file``, ``2 files``, ``0 people``.

    ``plural`` is for nouns that do not take an ``s`` (``person``/``people``, ``info``/``info``).
    """
    return f"{n} {word if n == 1 else (plural or word + 's')}"
