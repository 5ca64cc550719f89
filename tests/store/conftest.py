"""Fixtures of the cache tests."""

from __future__ import annotations

import os

import pytest

from cascade.limits import Limits
from cascade.store import cached_reader


@pytest.fixture
def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plan files whose bytes the cached reader read (to hash them, or to parse them)."""
    read: list[str] = []
    real = cached_reader._contents

    def counting(path: str, limits: Limits, root: str | None) -> bytes:
        read.append(os.path.basename(path))
        return real(path, limits, root)

    monkeypatch.setattr(cached_reader, "_contents", counting)
    return read
