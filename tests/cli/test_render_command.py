"""``cascade render`` through ``cascade.cli.main``: exit statuses, files written, and never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cascade.cli import main
from cascade.rendering import MANIFEST
from tests.conftest import HEADER, NORTHWIND, WritePlan

AS_OF = ("--as-of", "2027-02-20")
ERRORS = (
    HEADER
    + "people:\n  - {id: ana, name: Ana Lima}\n"
    + "objectives:\n  - {id: win, title: Win ten logos, due: 2027-03-31, done_when: Ten signed}\n"
)
"""A plan that reads, but with an error: a commitment without an owner (CAS201)."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["render", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def listing(folder: Path) -> set[str]:
    """The briefs in ``folder`` (not the record of what a render wrote)."""
    return {p.name for p in folder.iterdir() if p.name != MANIFEST} if folder.exists() else set()


def test_render_writes_every_brief_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "briefs"
    status, stdout, err = run(capsys, str(NORTHWIND), "--out", str(out), *AS_OF)
    assert status == 0
    files = listing(out)
    assert len(files) == 45 * 2 + 1
    assert {"priya.md", "priya.html", "index.html"} <= files
    assert "Wrote 91 files to" in err
    assert stdout == ""  # data goes to files, messages to stderr
    assert "as of Sat 20 Feb 2027" in (out / "priya.html").read_text(encoding="utf-8")


def test_formats_person_and_paper(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "briefs"
    status, _, _ = run(
        capsys,
        str(NORTHWIND),
        "-o",
        str(out),
        "--format",
        "md,ics,html",
        "--person",
        "priya",
        "-p",
        "marco",
        "--paper",
        "letter",
        *AS_OF,
    )
    assert status == 0
    assert listing(out) == {f"{p}.{e}" for p in ("priya", "marco") for e in ("md", "ics", "html")} | {"index.html"}
    assert "size: letter" in (out / "marco.html").read_text(encoding="utf-8")


def test_templates_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text("{{ brief.person.name | md }} / {{ paper }}\n", encoding="utf-8")
    out = tmp_path / "briefs"
    status, _, _ = run(
        capsys, str(NORTHWIND), "-o", str(out), "-f", "md", "-p", "priya", "--templates", str(folder), *AS_OF
    )
    assert status == 0
    assert (out / "priya.md").read_text(encoding="utf-8") == "Priya Natarajan / a4\n"


def test_a_plan_with_errors_writes_nothing(
    tmp_path: Path, write_plan: WritePlan, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = write_plan(ERRORS)
    out = tmp_path / "briefs"
    status, _, err = run(capsys, str(plan), "--out", str(out), *AS_OF)
    assert status == 1
    assert not out.exists()
    assert "CAS201" in err
    assert "no brief was written" in err
    assert "--force" in err


def test_force_renders_a_plan_with_errors(
    tmp_path: Path, write_plan: WritePlan, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = write_plan(ERRORS)
    out = tmp_path / "briefs"
    status, _, _ = run(capsys, str(plan), "--out", str(out), "--force", *AS_OF)
    assert status == 0
    assert listing(out) == {"ana.md", "ana.html", "index.html"}


def test_a_person_named_index_is_refused_by_validate_and_by_render(
    tmp_path: Path, write_plan: WritePlan, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = write_plan(HEADER + "people:\n  - {id: index, name: Ina Dex}\n")
    out = tmp_path / "briefs"
    status, _, err = run(capsys, str(plan), "--out", str(out), *AS_OF)
    assert status == 1
    assert "plan.yaml:4:10: CAS004" in err
    status, _, err = run(capsys, str(plan), "--out", str(out), "--force", *AS_OF)
    assert status == 2
    assert "not a safe file name" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_an_unreadable_plan_exits_1(tmp_path: Path, write_plan: WritePlan, capsys: pytest.CaptureFixture[str]) -> None:
    plan = write_plan("cascade: 1\nplan: [unclosed\n")
    out = tmp_path / "briefs"
    status, _, err = run(capsys, str(plan), "--out", str(out), "--force")
    assert status == 1
    assert "cannot be read" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("MISSING",), "no such file or directory"),
        ((str(NORTHWIND), "--paper", "a5"), "--paper"),
        ((str(NORTHWIND), "--format", "docx"), "unknown format docx"),
        ((str(NORTHWIND), "--person", "nobody"), "no person 'nobody'"),
        ((str(NORTHWIND), "--as-of", "someday"), "--as-of"),
        ((str(NORTHWIND), "--templates", "MISSING"), "--templates"),
    ],
)
def test_usage_faults_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    argv = tuple(str(tmp_path / "missing") if a == "MISSING" else a for a in argv)
    out = tmp_path / "briefs"
    status, _, err = run(capsys, *argv, "--out", str(out))
    assert status == 2
    assert message in err
    assert err.startswith("cascade: error: ")
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_out_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "file.txt"
    out.write_text("keep me", encoding="utf-8")
    status, _, err = run(capsys, str(NORTHWIND), "--out", str(out), *AS_OF)
    assert status == 2
    assert "--out" in err
    assert out.read_text(encoding="utf-8") == "keep me"


def test_an_unknown_option_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, str(NORTHWIND), "--colour", "red")
    assert status == 2
    assert "--colour" in err


def test_pdf_without_weasyprint_exits_2_with_the_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    out = tmp_path / "briefs"
    status, _, err = run(capsys, str(NORTHWIND), "--out", str(out), "-f", "pdf", "-p", "priya", *AS_OF)
    assert status == 2
    assert 'pip install "cascade[pdf]"' in err
    assert not list(out.glob("*.pdf"))


def test_a_broken_template_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.html.j2").write_text("{{ nope }}\n", encoding="utf-8")
    status, _, err = run(
        capsys, str(NORTHWIND), "-o", str(tmp_path / "out"), "-p", "priya", "--templates", str(folder), *AS_OF
    )
    assert status == 2
    assert "brief.html.j2" in err
    assert "'nope' is undefined" in err


def test_one_file_and_one_error_are_singular(
    tmp_path: Path, write_plan: WritePlan, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, str(NORTHWIND), "-o", str(tmp_path / "one"), "-f", "md", "-p", "priya", *AS_OF)
    assert status == 0
    assert "Wrote 1 file to" in err
    one_error = ERRORS.replace("title: Win ten logos,", "title: Win ten logos, owner: ana,")  # CAS102 alone
    status, _, err = run(capsys, str(write_plan(one_error)), "--out", str(tmp_path / "none"), *AS_OF)
    assert status == 1
    assert "the plan has 1 error, so" in err
    unreadable = write_plan("cascade: 1\nplan: [unclosed\n", name="broken.yaml")
    status, _, err = run(capsys, str(unreadable), "--out", str(tmp_path / "none"), "--force")
    assert status == 1
    assert "(1 error)" in err


def test_two_unknown_people_are_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, str(NORTHWIND), "-o", str(tmp_path / "out"), "-p", "nobody", "-p", "noone", *AS_OF)
    assert status == 2
    assert "no people 'nobody', 'noone' in the plan" in err


def test_a_later_render_removes_the_briefs_of_people_who_left(
    tmp_path: Path, write_plan: WritePlan, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = "people:\n  - {id: ana, name: Ana Lima}\n"
    people = ana + "  - {id: ben, name: Ben Ode}\n"
    out = tmp_path / "briefs"
    status, _, _ = run(capsys, str(write_plan(HEADER + people)), "-o", str(out), "--force", *AS_OF)
    assert status == 0
    assert listing(out) == {"ana.md", "ana.html", "ben.md", "ben.html", "index.html"}
    (out / "ben.md").write_text("Ben's own notes\n", encoding="utf-8")  # no longer cascade's to remove
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    status, _, err = run(capsys, str(write_plan(HEADER + ana)), "-o", str(out), "--force")
    assert status == 0
    assert listing(out) == {"ana.md", "ana.html", "ben.md", "index.html", "notes.txt"}
    assert "Removed 1 brief of people no longer in the plan" in err
    assert f"cascade: note: left {out / 'ben.md'} in place: it changed since cascade wrote it" in err
