"""The one helper that puts a noun in the number its count takes."""

from __future__ import annotations

import pytest

from cascade.plurals import counted


@pytest.mark.parametrize(
    ("n", "word", "plural", "text"),
    [
        (0, "file", None, "0 files"),
        (1, "file", None, "1 file"),
        (2, "error", None, "2 errors"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
        (2, "info", "info", "2 info"),
    ],
)
def test_counted(n: int, word: str, plural: str | None, text: str) -> None:
    assert counted(n, word, plural) == text
