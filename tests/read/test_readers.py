"""The file-system reader: a plan's folder and files, its parts, and the files it names, confined and capped."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import cascade
from cascade.limits import DEFAULT_LIMITS, Limits
from cascade.read.assemble import read_plan
from cascade.read.readers import Reader
from cascade.read.safe_files import Refused, TooBig
from tests.conftest import AS_OF, EXAMPLE, HEADER, NORTHWIND, WritePlan

PEOPLE = "people:\n  - {id: ana, name: Ana}\n  - {id: ben, name: Ben, colour: red}\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A directory plan with files at two levels, and files that are not part of it."""
    root = tmp_path / "plan"
    (root / "teams").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "plan.yaml").write_text(HEADER, encoding="utf-8")
    (root / "people.yml").write_text(PEOPLE, encoding="utf-8")
    (root / "teams" / "sales.yaml").write_text("teams:\n  - {id: sales, name: Sales, lead: ana}\n", encoding="utf-8")
    (root / "notes.txt").write_text("not a plan file\n", encoding="utf-8")
    (root / ".draft.yaml").write_text("people: [broken\n", encoding="utf-8")
    (root / ".git" / "config.yaml").write_text("people: [broken\n", encoding="utf-8")
    return root


# -- what the plan is ------------------------------------------------------------------------


def test_a_file_and_a_folder_and_nothing(tmp_path: Path, folder: Path) -> None:
    assert (Reader(folder).exists(), Reader(folder).is_folder()) == (True, True)
    assert (Reader(folder / "plan.yaml").exists(), Reader(folder / "plan.yaml").is_folder()) == (True, False)
    missing = Reader(tmp_path / "nothing.yaml")
    assert (missing.exists(), missing.is_folder()) == (False, False)


def test_the_path_is_kept_as_the_caller_named_it(folder: Path) -> None:
    assert Reader(folder).given == str(folder)
    assert Reader(f"{folder}/").given == f"{folder}/"


def test_the_folder_is_the_plan_folder_or_the_folder_of_the_plan_file(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert Reader(folder).folder() == str(folder)
    assert Reader(folder / "teams" / "sales.yaml").folder() == str(folder / "teams")
    monkeypatch.chdir(folder)
    assert Reader("plan.yaml").folder() == "."
    assert Reader("teams").folder() == "teams"


# -- the files of a directory plan -------------------------------------------------------------


def test_the_listing_is_in_name_order_without_hidden_or_other_files(folder: Path) -> None:
    given = str(folder)
    assert Reader(folder).listing() == [
        (os.path.join(given, "people.yml"), os.path.join(given, "people.yml")),
        (os.path.join(given, "plan.yaml"), os.path.join(given, "plan.yaml")),
        (os.path.join(given, "teams", "sales.yaml"), os.path.join(given, "teams", "sales.yaml")),
    ]


@pytest.mark.parametrize("given", ["plan", "plan/", "./plan"])
def test_display_names_are_joined_to_the_path_as_given(
    folder: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.chdir(folder.parent)
    shown = [display for _, display in Reader(given).listing()]
    assert shown == [
        os.path.join(given, "people.yml"),
        os.path.join(given, "plan.yaml"),
        os.path.join(given, "teams", "sales.yaml"),
    ]
    for where, display in Reader(given).listing():
        assert Path(where).read_bytes() == Path(display).read_bytes()


def test_an_empty_folder_lists_nothing(tmp_path: Path) -> None:
    assert Reader(tmp_path).listing() == []


# -- parts ---------------------------------------------------------------------------------------


def test_a_part_of_a_file_inside_the_folder_is_named_as_displayed(folder: Path) -> None:
    reader = Reader(folder)
    where, _ = reader.listing()[0]
    part = reader.part(where, "people.yml as shown", DEFAULT_LIMITS)
    assert part.model is not None
    assert [p.id for p in part.model.people] == ["ana", "ben"]
    assert part.file.path == part.file.source.path == "people.yml as shown"
    assert [(f.code, f.where.file, f.where.line, f.where.column) for f in part.file.findings] == [
        ("CAS003", "people.yml as shown", 3, 26)
    ]
    assert part.repairs.keys() == {1}


def test_a_part_is_read_under_the_limits_given(folder: Path) -> None:
    reader = Reader(folder)
    where = str(folder / "people.yml")
    part = reader.part(where, where, Limits(max_file_size=20))
    assert part.model is None
    [finding] = part.file.findings
    assert (finding.code, finding.where.line, finding.where.column) == ("CAS008", 1, 1)
    size = len(PEOPLE.encode())
    assert finding.message == f"the file is {size:,} bytes, over the limit of 20 (raise it with --max-file-size)"


def test_a_file_of_a_folder_linked_outside_it_is_refused_as_a_finding(tmp_path: Path, folder: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("people:\n  - {id: spy, name: The secret}\n", encoding="utf-8")
    (folder / "leak.yaml").symlink_to(secret)
    reader = Reader(folder)
    where, display = next(entry for entry in reader.listing() if entry[0].endswith("leak.yaml"))
    part = reader.part(where, display, DEFAULT_LIMITS)
    assert part.model is None
    [finding] = part.file.findings
    assert (finding.code, finding.where.file, finding.where.line) == ("CAS008", display, 1)
    assert finding.message == (  # names the link, never where it leads nor what it holds
        f"the plan file {where} is outside the plan's folder {folder}; cascade reads nothing outside it"
    )


def test_a_plan_file_given_as_a_link_is_read_wherever_it_leads(tmp_path: Path, folder: Path) -> None:
    """Only the files of a folder are confined to it: a plan file named by the user is read."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "plan.yaml").symlink_to(folder / "plan.yaml")
    given = str(elsewhere / "plan.yaml")
    part = Reader(given).part(given, given, DEFAULT_LIMITS)
    assert part.model is not None
    assert part.model.plan is not None
    assert part.model.plan.name == "Demo"
    assert part.file.findings == []


# -- files the plan names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "name", "expected"),
    [
        ("plans/plan.yaml", "people.csv", os.path.join("plans", "people.csv")),
        ("plans/q3/plan.yaml", "../people.csv", os.path.join("plans", "q3", "..", "people.csv")),
        ("plan.yaml", "people.csv", "people.csv"),
        ("plan.yaml", "/etc/passwd", "/etc/passwd"),
    ],
)
def test_beside_names_a_file_relative_to_the_plan_file(file: str, name: str, expected: str) -> None:
    assert Reader("plans").beside(file, name) == expected


def test_named_reads_a_file_inside_the_folder(folder: Path) -> None:
    (folder / "people.csv").write_bytes(b"id,name\nana,Ana\n")
    reader = Reader(folder / "plan.yaml")
    display = reader.beside(str(folder / "plan.yaml"), "people.csv")
    assert reader.named(display, "roster", 1000) == b"id,name\nana,Ana\n"


def test_named_follows_a_link_that_stays_inside(folder: Path) -> None:
    (folder / "data").mkdir()
    (folder / "data" / "people.csv").write_bytes(b"id,name\n")
    (folder / "people.csv").symlink_to(folder / "data" / "people.csv")
    assert Reader(folder).named(str(folder / "people.csv"), "roster", 100) == b"id,name\n"


@pytest.mark.parametrize("how", ["dot-dot", "absolute", "symlink", "linked folder"])
def test_named_refuses_a_file_outside_the_plans_folder(tmp_path: Path, folder: Path, how: str) -> None:
    secret = tmp_path / "x.csv"
    secret.write_text("id,name\nroot,the secret\n", encoding="utf-8")
    reader = Reader(folder / "plan.yaml")
    if how == "dot-dot":
        display = reader.beside(str(folder / "plan.yaml"), "../x.csv")
    elif how == "absolute":
        display = reader.beside(str(folder / "plan.yaml"), str(secret))
    elif how == "symlink":
        (folder / "x.csv").symlink_to(secret)
        display = str(folder / "x.csv")
    else:
        (folder / "shared").symlink_to(tmp_path, target_is_directory=True)
        display = str(folder / "shared" / "x.csv")
    with pytest.raises(Refused) as refused:
        reader.named(display, "roster", 10_000)
    assert not isinstance(refused.value, TooBig)
    assert str(refused.value) == (
        f"the roster {display} is outside the plan's folder {folder}; cascade reads nothing outside it"
    )


def test_named_refuses_a_sibling_folder_that_shares_the_folders_name_as_a_prefix(tmp_path: Path, folder: Path) -> None:
    sibling = tmp_path / "plan-old"
    sibling.mkdir()
    (sibling / "x.csv").write_text("id,name\n", encoding="utf-8")
    with pytest.raises(Refused, match="outside the plan's folder"):
        Reader(folder).named(str(folder / ".." / "plan-old" / "x.csv"), "roster", 100)


def test_named_refuses_a_fifo_without_waiting_for_a_writer(folder: Path) -> None:
    os.mkfifo(folder / "people.csv")
    outcome: list[BaseException | bytes] = []

    def attempt() -> None:
        try:
            outcome.append(Reader(folder).named(str(folder / "people.csv"), "roster", 100))
        except BaseException as exc:  # whatever it is, the test reports it
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    [result] = outcome
    assert isinstance(result, Refused)
    fifo = folder / "people.csv"
    assert str(result) == f"the roster {fifo} is a named pipe (FIFO), not a regular file; it is not read"


def test_named_refuses_a_folder(folder: Path) -> None:
    with pytest.raises(Refused, match=r"is a folder, not a regular file"):
        Reader(folder).named(str(folder / "teams"), "roster", 100)


def test_named_over_the_limit_raises_too_big_with_the_size(folder: Path) -> None:
    (folder / "people.csv").write_bytes(b"id,name\n" + b"ana,Ana\n" * 100)
    display = str(folder / "people.csv")
    reader = Reader(folder)
    assert len(reader.named(display, "roster", 808)) == 808
    with pytest.raises(TooBig) as raised:
        reader.named(display, "roster", 807)
    assert raised.value.size == 808
    assert str(raised.value) == f"the roster {display} holds 808 bytes or more, over the limit of 807"


def test_named_raises_os_error_for_a_missing_file(folder: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Reader(folder).named(str(folder / "nobody.csv"), "roster", 100)


# -- the plan a reader reads -------------------------------------------------------------------------


def outcome(plan: cascade.Plan) -> list[tuple[str, str, int, int, str]]:
    return [(d.code, d.file, d.line, d.column, d.message) for d in cascade.validate(plan, as_of=AS_OF)]


@pytest.mark.parametrize("which", ["example", "northwind", "folder", "folder file", "relative folder"])
def test_read_plan_of_a_reader_is_what_load_gives(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    if which == "example":
        path: str | Path = EXAMPLE
    elif which == "northwind":
        path = NORTHWIND
    elif which == "folder":
        path = folder
    elif which == "folder file":
        path = folder / "plan.yaml"
    else:
        monkeypatch.chdir(folder.parent)
        path = "plan/"
    read = read_plan(Reader(path))
    loaded = cascade.load(path)
    assert read == loaded
    assert read.provenance.files == loaded.provenance.files
    assert read.load_findings == loaded.load_findings
    assert outcome(read) == outcome(loaded)
    if which == "folder":
        assert [p.id for p in read.people] == ["ana", "ben"]
        assert [t.id for t in read.teams] == ["sales"]
        assert [(f.code, Path(f.where.file).name) for f in read.load_findings] == [("CAS003", "people.yml")]


def test_read_plan_reads_a_roster_through_named(write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = write_plan(HEADER.replace("}", ", roster: people.csv}") + "people:\n  - {id: dana, name: Dana}\n")
    write_plan("id,name,manager\nana,Ana,dana\n", "people.csv")
    asked: list[tuple[str, str, int]] = []
    real = Reader.named

    def named(self: Reader, display: str, what: str, limit: int) -> bytes:
        asked.append((display, what, limit))
        return real(self, display, what, limit)

    monkeypatch.setattr(Reader, "named", named)
    read = read_plan(Reader(plan))
    assert asked == [(str(plan.parent / "people.csv"), "roster", DEFAULT_LIMITS.max_file_size)]
    assert [p.id for p in read.people] == ["dana", "ana"]
    assert read == cascade.load(plan)
    assert read.provenance.files == (str(plan), str(plan.parent / "people.csv"))


def test_read_plan_of_a_folder_copied_elsewhere_names_the_copy(tmp_path: Path, folder: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    read = read_plan(Reader(copy))
    assert read == read_plan(Reader(folder))
    assert read.provenance.files == tuple(display for _, display in Reader(copy).listing())
