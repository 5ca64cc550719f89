"""``cascade diff OLD NEW``: the text, Markdown and JSON formats, ``--person``, and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, assert_one_line_error, run_cli
from tests.test_plan_diff import base, find, person, plan_text

HOSTILE = "Pipe | in a title, [x](y) link, *stars* and <b>"


def write(folder: Path, name: str, data: dict[str, Any]) -> str:
    path = folder / name
    path.write_text(plan_text(data), encoding="utf-8")
    return str(path)


def changed() -> dict[str, Any]:
    """The base plan with one change for priya and tomas, one for tomas, one for tomas and both managers."""
    new = base()
    find(new, "priya-deals")["owner"] = "tomas"
    find(new, "tomas-expansion")["due"] = "2027-05-31"
    person(new, "tomas")["manager"] = "dana"
    return new


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return write(tmp_path, "old.yaml", base()), write(tmp_path, "new.yaml", changed())


# -- text ---------------------------------------------------------------------------------


def test_text_groups_changes_by_person(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    status, out, err = run_cli(capsys, "diff", *pair)
    assert status == 0
    assert err == ""
    headers = [line for line in out.splitlines() if not line.startswith("  ")]
    assert headers == [
        "Dana Whitfield (dana)",
        "Marco Ruiz (marco)",
        "Priya Natarajan (priya)",
        "Tomás Novák (tomas)",
    ]
    assert "  Close $600k in mid-market deals (priya-deals) re-owned: Priya Natarajan -> Tomás Novák" in out
    assert "  Expand the top accounts by $650k (tomas-expansion) re-dated: 2027-06-30 -> 2027-05-31" in out
    assert "  Tomás Novák (tomas) new manager: Marco Ruiz -> Dana Whitfield" in out


def test_text_without_changes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml", base())
    status, out, _ = run_cli(capsys, "diff", old, old)
    assert status == 0
    assert out == "No changes for anyone.\n"


def test_example_against_itself(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "diff", str(EXAMPLE), str(EXAMPLE), "--format", "json")
    assert status == 0
    payload = json.loads(out)
    assert payload["changes"] == []
    assert payload["people"] == {}


# -- Markdown -----------------------------------------------------------------------------


def test_markdown_has_a_section_per_person(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    status, out, _ = run_cli(capsys, "diff", *pair, "--format", "md")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("# What changed from ")
    assert [line for line in lines if line.startswith("## ")] == [
        "## Dana Whitfield",
        "## Marco Ruiz",
        "## Priya Natarajan",
        "## Tomás Novák",
    ]
    assert sum(line.startswith("- ") for line in lines) == 1 + 1 + 1 + 3
    assert out.endswith("\n")
    assert not out.endswith("\n\n")


def test_markdown_escapes_titles(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = base()
    find(new, "priya-deals")["title"] = HOSTILE
    status, out, _ = run_cli(
        capsys, "diff", write(tmp_path, "old.yaml", base()), write(tmp_path, "new.yaml", new), "--format", "md"
    )
    assert status == 0
    item = next(line for line in out.splitlines() if "priya-deals" in line)
    assert item.startswith("- ")
    assert re.search(r"(?<!\\)\|", item) is None, item  # every pipe escaped: it cannot split a table
    assert "[x](y)" not in item  # no link
    assert r"\[x\]" in item
    assert r"\*stars\*" in item
    assert "<b>" not in item


def test_markdown_without_changes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old = write(tmp_path, "old.yaml", base())
    status, out, _ = run_cli(capsys, "diff", old, old, "--format", "md")
    assert status == 0
    assert "No changes for anyone." in out


# -- JSON ---------------------------------------------------------------------------------


def test_json_parses(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    status, out, _ = run_cli(capsys, "diff", *pair, "--format", "json")
    assert status == 0
    payload = json.loads(out)
    assert payload["old"] == pair[0]
    assert payload["new"] == pair[1]
    kinds = [(c["kind"], c["id"]) for c in payload["changes"]]
    assert kinds == [("re-owned", "priya-deals"), ("re-dated", "tomas-expansion"), ("new manager", "tomas")]
    first = payload["changes"][0]
    assert set(first) >= {"kind", "id", "title", "before", "after", "people"}
    assert first["people"] == ["priya", "tomas"]
    assert payload["people"] == {
        "dana": ["new manager:tomas"],
        "marco": ["new manager:tomas"],
        "priya": ["re-owned:priya-deals"],
        "tomas": ["re-owned:priya-deals", "re-dated:tomas-expansion", "new manager:tomas"],
    }


def test_json_keeps_hostile_titles_exact(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = base()
    find(new, "priya-deals")["title"] = HOSTILE + ' "quoted" \\ é'
    status, out, _ = run_cli(
        capsys, "diff", write(tmp_path, "old.yaml", base()), write(tmp_path, "new.yaml", new), "-f", "json"
    )
    assert status == 0
    assert json.loads(out)["changes"][0]["after"] == HOSTILE + ' "quoted" \\ é'


# -- --person -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_person_filter(capsys: pytest.CaptureFixture[str], pair: tuple[str, str], fmt: str) -> None:
    status, out, _ = run_cli(capsys, "diff", *pair, "--person", "priya", "--format", fmt)
    assert status == 0
    assert "priya-deals" in out
    assert "tomas-expansion" not in out
    assert "Dana Whitfield" not in out
    if fmt == "json":
        payload = json.loads(out)
        assert [c["id"] for c in payload["changes"]] == ["priya-deals"]
        assert list(payload["people"]) == ["priya"]


def test_person_filter_repeated(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    status, out, _ = run_cli(capsys, "diff", *pair, "-p", "priya", "-p", "marco", "--format", "json")
    assert status == 0
    payload = json.loads(out)
    assert list(payload["people"]) == ["marco", "priya"]
    assert [c["id"] for c in payload["changes"]] == ["priya-deals", "tomas"]


def test_person_without_changes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = base()
    find(new, "tomas-expansion")["due"] = "2027-05-31"
    status, out, _ = run_cli(
        capsys, "diff", write(tmp_path, "old.yaml", base()), write(tmp_path, "new.yaml", new), "--person", "priya"
    )
    assert status == 0
    assert "tomas-expansion" not in out


def test_unknown_person_exits_2(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    status, out, err = run_cli(capsys, "diff", *pair, "--person", "nobody")
    assert_one_line_error(status, out, err, "nobody")


# -- errors -------------------------------------------------------------------------------


def test_missing_old_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    new = write(tmp_path, "new.yaml", base())
    status, out, err = run_cli(capsys, "diff", str(tmp_path / "nope.yaml"), new)
    assert_one_line_error(status, out, err, "nope.yaml")


def test_unreadable_plan_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cascade: 1\nplan: [unclosed\n", encoding="utf-8")
    new = write(tmp_path, "new.yaml", base())
    status, out, err = run_cli(capsys, "diff", str(bad), new)
    assert_one_line_error(status, out, err, "bad.yaml")


def test_unknown_format_exits_2(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    status, out, _ = run_cli(capsys, "diff", *pair, "--format", "html")
    assert status == 2
    assert out == ""


def test_missing_argument_exits_2(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    status, out, _ = run_cli(capsys, "diff", pair[0])
    assert status == 2
    assert out == ""
