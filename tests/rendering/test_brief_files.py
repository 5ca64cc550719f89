"""cascade.render.render: which files are written, where, from which templates, and how safely."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import cascade
from cascade._version import __version__
from cascade.rendering import MANIFEST, RenderError, output_path, render
from cascade.store.atomic import write_bytes_atomic, write_text_atomic
from tests.rendering.plans import AS_OF, northwind, plan_of

PEOPLE = 45


class Index(HTMLParser):
    """The groups of an index page: heading -> the links under it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.groups: dict[str, list[tuple[str, str]]] = {}
        self._heading: str | None = None
        self._in: str | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._in, self._heading = "h2", ""
        elif tag == "a":
            self._in, self._href = "a", dict(attrs).get("href") or ""
            assert self._heading is not None, "a link outside any group"
            self.groups[self._heading].append((self._href, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._heading is not None:
            self.groups[self._heading] = []
        if tag in ("h2", "a"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h2":
            self._heading = (self._heading or "") + data
        elif self._in == "a" and self._heading is not None:
            href, text = self.groups[self._heading][-1]
            self.groups[self._heading][-1] = (href, text + data)


def index_of(folder: Path) -> dict[str, list[tuple[str, str]]]:
    parser = Index()
    parser.feed((folder / "index.html").read_text(encoding="utf-8"))
    parser.close()
    return parser.groups


def names(folder: Path) -> set[str]:
    """The briefs in ``folder``, not the record of what renders wrote there."""
    return {p.name for p in folder.iterdir() if p.name != MANIFEST}


# -- files --------------------------------------------------------------------------------


def test_one_file_per_person_and_format_and_an_index(tmp_path: Path) -> None:
    plan = northwind()
    written = render(plan, tmp_path, formats=["md", "html", "ics"], as_of=AS_OF)
    expected = {f"{p}.{ext}" for p in plan.index.people for ext in ("md", "html", "ics")} | {"index.html"}
    assert names(tmp_path) == expected
    assert len(written) == PEOPLE * 3 + 1
    assert {p.name for p in written} == expected
    assert written[:3] == [tmp_path / "dana.md", tmp_path / "dana.html", tmp_path / "dana.ics"]
    assert written[-1] == tmp_path / "index.html"
    for path in written:
        path.read_bytes().decode("utf-8")  # UTF-8 throughout
    priya = (tmp_path / "priya.md").read_text(encoding="utf-8")
    assert priya.startswith("# Priya Natarajan\n")
    assert (tmp_path / "priya.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (tmp_path / "tomas.html").read_text(encoding="utf-8").count("Tomás Novák") >= 1


def test_the_default_formats_are_markdown_and_html(tmp_path: Path) -> None:
    render(northwind(), tmp_path, people=["priya"], as_of=AS_OF)
    assert names(tmp_path) == {"priya.md", "priya.html", "index.html"}


def test_formats_are_read_loosely_and_only_once(tmp_path: Path) -> None:
    written = render(northwind(), tmp_path, formats=[" MD ", "md", "Html", ""], people=["priya"], as_of=AS_OF)
    assert [p.name for p in written] == ["priya.md", "priya.html", "index.html"]


def test_without_html_there_is_no_index(tmp_path: Path) -> None:
    render(northwind(), tmp_path, formats=["md"], people=["priya"], as_of=AS_OF)
    assert names(tmp_path) == {"priya.md"}


def test_the_output_folder_is_made(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    render(northwind(), out, formats=["md"], people=["priya"], as_of=AS_OF)
    assert names(out) == {"priya.md"}


def test_the_index_groups_people_by_team_with_a_link_each(tmp_path: Path) -> None:
    plan = northwind()
    render(plan, tmp_path, formats=["html"], as_of=AS_OF)
    groups = index_of(tmp_path)
    assert list(groups) == [t.name for t in plan.teams]
    assert groups["EMEA Mid-Market"] == [
        ("ingrid.html", "Ingrid Solberg"),
        ("priya.html", "Priya Natarajan"),
        ("tomas.html", "Tomás Novák"),
        ("zoe.html", "Zoé Lefèvre"),
        ("mateusz.html", "Mateusz Wójcik"),
        ("elif.html", "Elif Yılmaz"),  # noqa: RUF001
        ("joao.html", "João Carvalho"),
    ]
    linked = {href for links in groups.values() for href, _ in links}
    assert linked == {f"{p}.html" for p in plan.index.people}
    for href in linked:
        assert (tmp_path / href).is_file()


def test_people_in_no_team_are_listed_too(tmp_path: Path) -> None:
    plan = plan_of(
        {
            "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}, {"id": "cy", "name": "Cy"}],
            "teams": [{"id": "t", "name": "Team T", "members": ["ana"]}],
        }
    )
    render(plan, tmp_path, formats=["html"], as_of=AS_OF)
    assert index_of(tmp_path) == {
        "Team T": [("ana.html", "Ana")],
        "Everyone else": [("bo.html", "Bo"), ("cy.html", "Cy")],
    }
    alone = plan_of({"people": [{"id": "ana", "name": "Ana"}]})
    render(alone, tmp_path / "alone", formats=["html"], as_of=AS_OF)
    assert index_of(tmp_path / "alone") == {"Everyone": [("ana.html", "Ana")]}


def test_people_selects_a_subset(tmp_path: Path) -> None:
    written = render(northwind(), tmp_path, formats=["md", "html"], people=["zoe", "priya", "zoe"], as_of=AS_OF)
    assert [p.name for p in written] == ["zoe.md", "zoe.html", "priya.md", "priya.html", "index.html"]
    assert names(tmp_path) == {"zoe.md", "zoe.html", "priya.md", "priya.html", "index.html"}
    groups = index_of(tmp_path)
    assert groups == {"EMEA Mid-Market": [("priya.html", "Priya Natarajan"), ("zoe.html", "Zoé Lefèvre")]}


def test_progress_is_reported_per_person(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    render(
        northwind(),
        tmp_path,
        formats=["md"],
        people=["priya", "zoe"],
        as_of=AS_OF,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 2), (2, 2)]


def test_paper_sets_the_printed_page_size(tmp_path: Path) -> None:
    render(northwind(), tmp_path / "a4", formats=["html"], people=["priya"], paper="a4", as_of=AS_OF)
    render(northwind(), tmp_path / "letter", formats=["html"], people=["priya"], paper="letter", as_of=AS_OF)
    assert "@page { size: A4;" in (tmp_path / "a4" / "priya.html").read_text(encoding="utf-8")
    assert "@page { size: letter;" in (tmp_path / "letter" / "priya.html").read_text(encoding="utf-8")


# -- refusals -----------------------------------------------------------------------------


def test_an_unknown_person_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="no person 'nobody'"):
        render(northwind(), out, people=["priya", "nobody"], as_of=AS_OF)
    assert not out.exists()


@pytest.mark.parametrize("formats", [["docx"], ["md", "PDFX"], [], [" "]])
def test_an_unknown_format_is_refused(tmp_path: Path, formats: list[str]) -> None:
    with pytest.raises(RenderError, match="unknown format") as caught:
        render(northwind(), tmp_path / "out", formats=formats, as_of=AS_OF)
    assert "md, html, pdf, ics" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_an_unknown_paper_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="unknown paper"):
        render(northwind(), tmp_path, paper="a5", as_of=AS_OF)  # type: ignore[arg-type]


# -- templates ----------------------------------------------------------------------------


def test_a_templates_folder_overrides_a_template_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text(
        "Hello {{ brief.person.name | md }} ({{ paper }}, cascade {{ version }}): "
        "{{ brief.commitments | length }} commitments\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    render(northwind(), out, formats=["md", "html"], people=["priya"], templates=folder, paper="letter", as_of=AS_OF)
    assert (out / "priya.md").read_text(encoding="utf-8") == (
        f"Hello Priya Natarajan (letter, cascade {__version__}): 2 commitments\n"
    )
    assert "<h1" in (out / "priya.html").read_text(encoding="utf-8")  # the others stay built in


def test_an_included_template_can_be_overridden_too(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.css").write_text("body { color: rebeccapurple; } /* {{ paper }} */\n", encoding="utf-8")
    (folder / "timeline.svg.j2").write_text(
        '<svg class="mine">{{ brief.timeline.marks | length }}</svg>\n', encoding="utf-8"
    )
    render(northwind(), tmp_path / "out", formats=["html"], people=["priya"], templates=folder, as_of=AS_OF)
    text = (tmp_path / "out" / "priya.html").read_text(encoding="utf-8")
    assert "body { color: rebeccapurple; } /* a4 */" in text
    assert '<svg class="mine">3</svg>' in text  # two commitments and one obstacle
    assert "@page" not in text


def test_an_undefined_variable_is_a_render_error_naming_the_template(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text("{{ brief.person.nickname }}\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(RenderError) as caught:
        render(northwind(), out, formats=["md"], people=["priya"], templates=folder, as_of=AS_OF)
    assert "brief.md.j2" in str(caught.value)
    assert "nickname" in str(caught.value)
    assert not (out / "priya.md").exists()
    (folder / "brief.md.j2").write_text("{{ colleague }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"template brief\.md\.j2(:1)?: 'colleague' is undefined"):
        render(northwind(), out, formats=["md"], people=["priya"], templates=folder, as_of=AS_OF)


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text("# {{ brief.person.name }}\n{% if %}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"brief\.md\.j2:2: "):
        render(northwind(), tmp_path / "out", formats=["md"], people=["priya"], templates=folder, as_of=AS_OF)


def test_a_missing_template_is_a_render_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text('{% include "nowhere.j2" %}\n', encoding="utf-8")
    with pytest.raises(RenderError, match=r"template nowhere\.j2 not found"):
        render(northwind(), tmp_path / "out", formats=["md"], people=["priya"], templates=folder, as_of=AS_OF)


def test_an_undefined_variable_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "timeline.svg.j2").write_text("<svg>{{ brief.nothing_here }}</svg>\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"template timeline\.svg\.j2(:1)?: "):
        render(northwind(), tmp_path / "out", formats=["html"], people=["priya"], templates=folder, as_of=AS_OF)


# -- paths --------------------------------------------------------------------------------


@pytest.mark.parametrize("person_id", ["", ".", "..", "a/b", "../x", "/etc/passwd", "a\\b", "a\0b"])
def test_output_path_refuses_names_that_leave_the_folder(tmp_path: Path, person_id: str) -> None:
    with pytest.raises(RenderError, match="refusing"):
        output_path(tmp_path, person_id, "html")


def test_output_path_accepts_plain_ids(tmp_path: Path) -> None:
    assert output_path(tmp_path, "priya", "html") == tmp_path / "priya.html"
    assert output_path(tmp_path, "a.b-c_d", "md") == tmp_path / "a.b-c_d.md"


def test_a_link_in_the_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    outside = tmp_path / "elsewhere.html"
    outside.write_text("not yours", encoding="utf-8")
    (folder / "priya.html").symlink_to(outside)
    render(northwind(), folder, formats=["html"], people=["priya"], as_of=AS_OF)
    assert outside.read_text(encoding="utf-8") == "not yours"
    assert not (folder / "priya.html").is_symlink()
    assert "Priya Natarajan" in (folder / "priya.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("person_id", [".", ".."])
def test_a_plan_with_a_dot_id_cannot_write_outside(tmp_path: Path, person_id: str) -> None:
    plan = plan_of({"people": [{"id": person_id, "name": "Dot"}]})  # the id pattern allows dots
    out = tmp_path / "deep" / "out"
    with pytest.raises(RenderError, match="not a safe file name"):
        render(plan, out, formats=["md"], as_of=AS_OF)
    assert not (tmp_path / "deep" / "..md").exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("person_id", ["index", "Index", "CON", "nul", "com1", "aux.x"])
def test_an_id_that_cannot_be_a_file_name_is_refused_before_writing(tmp_path: Path, person_id: str) -> None:
    plan = plan_of({"people": [{"id": "ana", "name": "Ana"}, {"id": person_id, "name": "Odd"}]})
    with pytest.raises(RenderError, match=r"^refusing to write a brief for the id .*: it is not a safe file name \("):
        render(plan, tmp_path / "out", formats=["md", "html"], as_of=AS_OF)
    assert not (tmp_path / "out").exists()


def test_ids_that_differ_only_in_case_are_refused_before_writing(tmp_path: Path) -> None:
    plan = plan_of({"people": [{"id": "Ana", "name": "Ana Lima"}, {"id": "ana", "name": "Ana Souza"}]})
    with pytest.raises(RenderError, match="'Ana' and 'ana': their file names differ only in case"):
        render(plan, tmp_path / "out", formats=["md"], as_of=AS_OF)
    assert not (tmp_path / "out").exists()
    # one of the two alone is fine: the names only clash together
    assert render(plan, tmp_path / "out", formats=["md"], people=["ana"], as_of=AS_OF) == [tmp_path / "out" / "ana.md"]


def test_ids_next_to_reserved_names_each_get_their_own_brief(tmp_path: Path) -> None:
    # what the ids validate refuses (index, Index, ., .., CON, nul, Ana beside ana) become,
    # fixed, ids that render: every brief a file of its own, and the index page beside them
    ids = ["index2", "my-index", "index.old", "dot", "x.", "x", "console", "n.u.l", "ana", "Ana-2"]
    plan = plan_of({"people": [{"id": i, "name": f"Person {n}"} for n, i in enumerate(ids)]})
    out = tmp_path / "out"
    written = render(plan, out, formats=["md", "html"], as_of=AS_OF)
    expected = {f"{i}.{ext}" for i in ids for ext in ("md", "html")} | {"index.html"}
    assert {p.name for p in written} == expected
    assert names(out) == expected
    for n, person_id in enumerate(ids):
        assert f"Person {n}" in (out / f"{person_id}.html").read_text(encoding="utf-8")
    links = [href for group in index_of(out).values() for href, _ in group]
    assert sorted(links) == sorted(f"{i}.html" for i in ids)
    assert "index.html" not in links


# -- atomic writes ------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def first_render(folder: Path) -> bytes:
    render(northwind(), folder, formats=["md"], people=["priya"], as_of=AS_OF)
    return (folder / "priya.md").read_bytes()


def test_a_failed_rename_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = first_render(tmp_path)

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(RenderError, match=r"cannot write .*priya\.md: input/output error"):
        render(northwind(), tmp_path, formats=["md"], people=["priya"], as_of=AS_OF.replace(month=5))
    assert (tmp_path / "priya.md").read_bytes() == before
    assert leftovers(tmp_path) == []
    assert names(tmp_path) == {"priya.md"}


def test_a_write_that_fails_half_way_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = first_render(tmp_path)
    real = os.write
    written: list[int] = []

    def half(fd: int, data: bytes | memoryview) -> int:
        """Takes half of what it is given, then the disk is full."""
        chunk = memoryview(data)
        written.append(real(fd, chunk[: len(chunk) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half)
    with pytest.raises(RenderError, match=r"cannot write .*priya\.md: No space left"):
        render(northwind(), tmp_path, formats=["md"], people=["priya"], as_of=AS_OF.replace(month=5))
    assert written
    assert written[0] > 0  # something did reach the disk, in the temporary file
    assert (tmp_path / "priya.md").read_bytes() == before
    assert leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.txt"
    write_text_atomic(target, "old")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_atomic_writes_replace_the_file_and_make_folders(tmp_path: Path) -> None:
    target = tmp_path / "new" / "x.txt"
    write_text_atomic(target, "één")
    write_text_atomic(target, "twee")
    assert target.read_bytes() == b"twee"
    assert leftovers(target.parent) == []


def files(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file())


def test_a_later_format_failing_keeps_earlier_files_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render(northwind(), tmp_path, formats=["md", "html"], people=["priya"], as_of=AS_OF)
    before = {p.name: p.read_bytes() for p in files(tmp_path)}
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.html.j2").write_text("{{ oops }}", encoding="utf-8")
    with pytest.raises(RenderError):
        render(northwind(), tmp_path, formats=["html"], people=["priya"], templates=folder, as_of=AS_OF)
    after = {p.name: p.read_bytes() for p in files(tmp_path) if p.parent == tmp_path}
    assert after == before


# -- what a render wrote, and the briefs of people who left ---------------------------------


def team(*ids: str) -> cascade.Plan:
    return plan_of({"people": [{"id": i, "name": i.title()} for i in ids]})


def manifest(folder: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in data["files"]}


def test_a_render_records_what_it_wrote(tmp_path: Path) -> None:
    render(team("ana", "ben"), tmp_path, formats=["md", "html"], as_of=AS_OF)
    listed = manifest(tmp_path)
    assert set(listed) == {"ana.md", "ana.html", "ben.md", "ben.html", "index.html"}
    ana = (tmp_path / "ana.md").read_bytes()
    assert listed["ana.md"] == {
        "name": "ana.md",
        "person": "ana",
        "size": len(ana),
        "sha256": hashlib.sha256(ana).hexdigest(),
    }
    assert listed["index.html"]["person"] is None
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_briefs_of_people_who_left_are_removed_and_nothing_else(tmp_path: Path) -> None:
    render(team("ana", "ben", "cy"), tmp_path, formats=["md", "html", "ics"], as_of=AS_OF)
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    (tmp_path / "dan.md").write_text("a brief cascade never wrote\n", encoding="utf-8")
    written = render(team("ana"), tmp_path, formats=["md"], as_of=AS_OF)
    assert sorted(p.name for p in written.removed) == sorted(
        f"{p}.{e}" for p in ("ben", "cy") for e in ("md", "html", "ics")
    )
    assert written.left == []
    # ana's html and ics still belong to her, though this render did not write them
    assert names(tmp_path) == {"ana.md", "ana.html", "ana.ics", "index.html", "notes.md", "dan.md"}
    assert set(manifest(tmp_path)) == {"ana.md", "ana.html", "ana.ics", "index.html"}


def test_a_brief_changed_since_or_replaced_is_left_and_named(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("not in the folder\n", encoding="utf-8")
    out = tmp_path / "out"
    render(team("ana", "ben", "cy", "dee"), out, formats=["md"], as_of=AS_OF)
    ben = out / "ben.md"
    ben.write_bytes(bytes(b ^ 1 for b in ben.read_bytes()))  # the same size, other content
    (out / "cy.md").unlink()
    (out / "cy.md").symlink_to(outside)
    (out / "dee.md").unlink()
    (out / "dee.md").mkdir()
    written = render(team("ana"), out, formats=["md"], as_of=AS_OF)
    assert written.removed == []
    assert written.left == [
        (ben, "it changed since cascade wrote it"),
        (out / "cy.md", "it is a symbolic link now, not the brief cascade wrote"),
        (out / "dee.md", "it is not a plain file now, not the brief cascade wrote"),
    ]
    assert (out / "cy.md").is_symlink()
    assert outside.read_text(encoding="utf-8") == "not in the folder\n"
    assert (out / "dee.md").is_dir()
    # no longer listed: cascade will not touch them again, nor say so again
    assert set(manifest(out)) == {"ana.md"}
    assert render(team("ana"), out, formats=["md"], as_of=AS_OF).left == []


def test_a_render_of_some_people_removes_nothing(tmp_path: Path) -> None:
    render(team("ana", "ben"), tmp_path, formats=["md"], as_of=AS_OF)
    written = render(team("ana"), tmp_path, formats=["md"], people=["ana"], as_of=AS_OF)
    assert written.removed == []
    assert names(tmp_path) == {"ana.md", "ben.md"}
    # still listed, so the next render of everyone removes it
    assert [p.name for p in render(team("ana"), tmp_path, formats=["md"], as_of=AS_OF).removed] == ["ben.md"]


def hostile_entry(path: Path, name: str) -> dict[str, Any]:
    content = path.read_bytes()
    return {"name": name, "person": "ghost", "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def test_a_hostile_manifest_cannot_remove_anything_outside_the_folder(tmp_path: Path) -> None:
    victim = tmp_path / "victim.md"
    victim.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    inner = out / "sub" / "victim.md"
    inner.write_text("keep me\n", encoding="utf-8")
    (out / "link").symlink_to(tmp_path, target_is_directory=True)
    hidden = out / ".hidden.md"
    hidden.write_text("keep me\n", encoding="utf-8")
    names_ = ["../victim.md", str(victim), "sub/victim.md", "link/victim.md", ".hidden.md", "..", ".", "", MANIFEST]
    entries: list[Any] = [hostile_entry(victim, n) for n in names_]
    entries += ["victim.md", {"name": 7}, {"name": "x.md", "size": True, "sha256": "", "person": None}]
    (out / MANIFEST).write_text(json.dumps({"files": entries}), encoding="utf-8")
    written = render(team("ana"), out, formats=["md"], as_of=AS_OF)
    assert (written.removed, written.left) == ([], [])
    for kept in (victim, inner, hidden):
        assert kept.read_text(encoding="utf-8") == "keep me\n"
    assert set(manifest(out)) == {"ana.md"}


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"files": 3}', '{"files": null}'])
def test_a_manifest_that_is_no_manifest_counts_for_nothing(tmp_path: Path, text: str) -> None:
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    written = render(team("ana"), tmp_path, formats=["md"], as_of=AS_OF)
    assert [p.name for p in written] == ["ana.md"]
    assert set(manifest(tmp_path)) == {"ana.md"}


def test_a_manifest_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    out = tmp_path / "out"
    out.mkdir()
    brief = out / "ben.md"
    brief.write_text("ben\n", encoding="utf-8")
    elsewhere.write_text(json.dumps({"files": [hostile_entry(brief, "ben.md")]}), encoding="utf-8")
    (out / MANIFEST).symlink_to(elsewhere)
    written = render(team("ana"), out, formats=["md"], as_of=AS_OF)
    assert written.removed == []
    assert brief.exists()
    assert not (out / MANIFEST).is_symlink()  # replaced by a manifest of its own
    assert json.loads(elsewhere.read_text(encoding="utf-8"))["files"][0]["name"] == "ben.md"


def test_a_render_in_several_processes_records_every_file_too(tmp_path: Path) -> None:
    ids = [f"p{i:03d}" for i in range(150)]  # more than one chunk of work per process
    render(team(*ids), tmp_path, formats=["md"], as_of=AS_OF, jobs=2)
    assert set(manifest(tmp_path)) == {f"{i}.md" for i in ids}
    assert len(render(team(*ids[:10]), tmp_path, formats=["md"], as_of=AS_OF, jobs=2).removed) == 140
