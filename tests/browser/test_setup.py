"""The browser tests never skip in CI: without Chromium or poppler they fail there, and only skip elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import conftest


def test_missing_chromium_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium is missing"):
        conftest._need_chromium()


def test_missing_chromium_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        conftest._need_chromium()


def test_a_file_that_cannot_run_counts_as_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("not a program", encoding="utf-8")
    fake.chmod(0o644)
    monkeypatch.setattr(conftest, "CHROMIUM", fake)
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception):
        conftest._need_chromium()


def test_missing_poppler_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="pdftoppm and pdftotext are missing"):
        conftest.need_poppler()


def test_missing_poppler_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install poppler-utils"):
        conftest.need_poppler()
