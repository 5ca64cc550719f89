"""``cascade.render`` when the machine says no: a full disk, a folder not writable, a link that
leads nowhere, a template that cannot be read; and the temporary files a killed run left."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from cascade.rendering import MANIFEST, RenderError, render
from cascade.rendering.jinja_env import TemplateUnreadable, environment
from tests.faults import onto_dev_full, refuse
from tests.rendering.plans import AS_OF, northwind


def brief_of_priya(out: Path, **options: object) -> list[Path]:
    return render(northwind(), out, people=["priya"], as_of=AS_OF, **options)  # type: ignore[arg-type]


def fail_with(code: int) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# -- writing ----------------------------------------------------------------------------------


def test_a_full_disk_names_the_brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse(monkeypatch, tmp_path, errno.ENOSPC, at="write")
    with pytest.raises(RenderError, match=r"^cannot write .*priya\.md: No space left on device$") as caught:
        brief_of_priya(tmp_path)
    assert isinstance(caught.value.__cause__, OSError)  # the errno is there for callers who want it
    assert listing(tmp_path) == set()  # no temporary file left behind


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_really_full_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    onto_dev_full(monkeypatch, tmp_path)
    with pytest.raises(RenderError, match="No space left on device"):
        brief_of_priya(tmp_path)
    assert listing(tmp_path) == set()


def test_a_folder_not_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse(monkeypatch, tmp_path, errno.EACCES)  # root may write anywhere: simulated
    with pytest.raises(RenderError, match=r"^cannot write .*priya\.md: Permission denied$"):
        brief_of_priya(tmp_path)


def test_a_read_only_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "mkdir", fail_with(errno.EROFS))
    with pytest.raises(RenderError, match=r"^cannot write .*briefs: Read-only file system$"):
        brief_of_priya(tmp_path / "briefs")


def test_a_folder_where_a_brief_goes(tmp_path: Path) -> None:
    (tmp_path / "priya.md").mkdir()
    with pytest.raises(RenderError, match=r"^cannot write .*priya\.md: Is a directory$"):
        brief_of_priya(tmp_path)
    assert listing(tmp_path) == {"priya.md"}


def test_out_a_file(tmp_path: Path) -> None:
    (tmp_path / "briefs").write_text("notes", encoding="utf-8")
    with pytest.raises(RenderError, match=r"^cannot write .*briefs: Not a directory$"):
        brief_of_priya(tmp_path / "briefs")


@pytest.mark.parametrize("below", ["", "2027"])
def test_out_a_link_that_leads_nowhere_is_refused(tmp_path: Path, below: str) -> None:
    """Following it would make folders wherever it points, outside the folder named."""
    link = tmp_path / "briefs"
    link.symlink_to(tmp_path / "elsewhere" / "briefs")
    with pytest.raises(RenderError, match=r"^cannot write .*briefs: it is a symbolic link to .*elsewhere"):
        brief_of_priya(link / below if below else link)
    assert not (tmp_path / "elsewhere").exists()


def test_out_a_link_to_a_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "briefs").symlink_to(tmp_path / "shared")
    brief_of_priya(tmp_path / "briefs")
    assert listing(tmp_path / "shared") == {"priya.md", "priya.html", "index.html", MANIFEST}


# -- temporary files of killed runs -----------------------------------------------------------


def test_a_killed_runs_temporary_files_are_removed_and_a_users_stay(tmp_path: Path) -> None:
    # A process that starts writing a brief the way render does and is killed before the rename.
    script = (
        "import os, signal, sys; "
        "fd = os.open(f'{sys.argv[1]}/.priya.md.{os.getpid()}.0.tmp', os.O_WRONLY | os.O_CREAT); "
        "os.write(fd, b'half a brief'); os.kill(os.getpid(), signal.SIGKILL)"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=False)
    assert killed.returncode == -9
    (left,) = tmp_path.glob(".priya.md.*.tmp")
    (tmp_path / ".notes.tmp").write_text("mine", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine too", encoding="utf-8")
    brief_of_priya(tmp_path)
    assert not left.exists()
    assert listing(tmp_path) == {".notes.tmp", "notes.txt", "priya.md", "priya.html", "index.html", MANIFEST}


def test_a_run_in_progress_keeps_its_temporary_files(tmp_path: Path) -> None:
    mine = tmp_path / f".priya.md.{os.getpid()}.999999.tmp"  # this process is alive: perhaps a thread's
    mine.write_bytes(b"")
    brief_of_priya(tmp_path)
    assert mine.exists()


# -- templates --------------------------------------------------------------------------------


def templates_with(tmp_path: Path, name: str = "brief.md.j2") -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder / name


def test_a_template_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = templates_with(tmp_path)
    template.write_text("{{ brief.person.name }}", encoding="utf-8")

    def denied(path: str, *args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)

    monkeypatch.setattr(jinja2.loaders, "open", denied, raising=False)  # root reads anything: simulated
    with pytest.raises(RenderError, match=r"^cannot read template .*brief\.md\.j2: Permission denied$"):
        brief_of_priya(tmp_path / "out", formats=["md"], templates=template.parent)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.mkdir(), "Is a directory"),
        (lambda path: path.symlink_to(path.parent / "gone.j2"), "a symbolic link to nothing"),
        (os.mkfifo, "not a regular file"),  # never opened: that would wait for a writer
        (lambda path: path.write_bytes(b"\xff\xfe{{ x }}"), "not UTF-8 text"),
    ],
    ids=["folder", "dangling link", "fifo", "not utf-8"],
)
def test_a_template_that_is_no_readable_file_is_not_passed_over(tmp_path: Path, make: object, reason: str) -> None:
    """Jinja alone would take the built-in template instead, and the override would be lost unsaid."""
    template = templates_with(tmp_path)
    make(template)  # type: ignore[operator]
    with pytest.raises(RenderError, match=f"^cannot read template .*brief\\.md\\.j2: {reason}$"):
        brief_of_priya(tmp_path / "out", formats=["md"], templates=template.parent)
    with pytest.raises(TemplateUnreadable):
        environment(template.parent).get_template("brief.md.j2")


def test_an_included_template_that_cannot_be_read(tmp_path: Path) -> None:
    template = templates_with(tmp_path)
    template.write_text("{% include 'part.j2' %}", encoding="utf-8")
    (template.parent / "part.j2").mkdir()
    with pytest.raises(RenderError, match=r"^cannot read template .*part\.j2: Is a directory$"):
        brief_of_priya(tmp_path / "out", formats=["md"], templates=template.parent)


def test_templates_not_overridden_still_come_from_the_package(tmp_path: Path) -> None:
    folder = templates_with(tmp_path).parent
    brief_of_priya(tmp_path / "out", formats=["md"], templates=folder)
    assert "Priya" in (tmp_path / "out" / "priya.md").read_text(encoding="utf-8")


def test_a_full_disk_under_the_compiled_templates_does_not_stop_a_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", fail_with(errno.ENOSPC))
    brief_of_priya(tmp_path / "out", formats=["md"])
    assert (tmp_path / "out" / "priya.md").is_file()
