"""Write briefs: one file per person and format, and an index page, written atomically, in one process or several.

A render records what it wrote in the output folder (:data:`MANIFEST`), so that the next
render into that folder can remove the briefs of people who have left the plan, and only
those: never a file it did not write, or one changed since it wrote it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import jinja2

from cascade._version import __version__
from cascade.briefing import Brief, BriefMaker
from cascade.errors import CascadeError
from cascade.filenames import INDEX_STEM, clashes, file_name, unsafe_reason
from cascade.formats import FORMATS, PAPERS, Paper, one_of
from cascade.model.plan import Plan
from cascade.model.records import Person
from cascade.rendering.ics import calendar
from cascade.rendering.jinja_env import TemplateUnreadable, environment
from cascade.rendering.pdf import html_to_pdf
from cascade.store.atomic import make_folder, remove_stale_temporaries, write_generated

if TYPE_CHECKING:
    from cascade.plan_diff import PlanDiff

Progress = Callable[[int, int], None]


class RenderError(CascadeError):
    """A brief could not be rendered: an unknown format, paper or person, a person id that is
    no safe file name, a template fault, or output the system refuses (its ``OSError`` is the
    ``__cause__``). PDF without WeasyPrint is :class:`~cascade.rendering.pdf.PdfUnavailable`."""


MANIFEST = ".cascade-render.json"
"""The file, in the output folder, that lists what the last renders there wrote."""


class Rendered(list[Path]):
    """The files a render wrote, in the order written (a list, as ``render`` always returned),
    and what it did about the briefs it had written before for people no longer in the plan."""

    def __init__(self, written: Iterable[Path], removed: list[Path], left: list[tuple[Path, str]]) -> None:
        super().__init__(written)
        self.removed = removed
        """Briefs of people who left the plan, written by an earlier render and removed."""
        self.left = left
        """Such briefs left in place, each with why: changed since, or not a plain file."""


@dataclass(frozen=True)
class _File:
    """A file a render wrote, as the manifest records it."""

    name: str
    person: str | None
    """Whose brief it is (None for the index page)."""
    size: int
    sha256: str

    @classmethod
    def of(cls, name: str, person: str | None, content: bytes) -> _File:
        return cls(name, person, len(content), hashlib.sha256(content).hexdigest())


@dataclass(frozen=True)
class _Entry:
    name: str
    role: str | None
    href: str


@dataclass(frozen=True)
class _Group:
    name: str
    people: list[_Entry]


def render(
    plan: Plan,
    out: str | os.PathLike[str],
    *,
    formats: Iterable[str] = ("md", "html"),
    people: Sequence[str] | None = None,
    templates: str | os.PathLike[str] | None = None,
    paper: Paper = "a4",
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    since: PlanDiff | None = None,
    since_label: str | None = None,
    jobs: int = 1,
) -> Rendered:
    """Write ``<person id>.<ext>`` for each person and format into ``out``; returns the files
    written (a :class:`Rendered`, which also says what was removed).

    Each file is written to a temporary name and renamed, so an interrupted run leaves
    the previous briefs whole. With HTML, ``index.html`` links every brief. Briefs are
    written as they are made, never held all at once; ``jobs`` > 1 renders in that many
    processes (where the platform can fork).

    What was written is recorded in ``out/.cascade-render.json``. A render of everyone
    (``people`` not given) then removes the briefs earlier renders wrote there for people
    no longer in the plan, if each is still the plain file written (same size and SHA-256);
    any other file is left, and named in ``Rendered.left``.
    """
    wanted = list(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise RenderError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    if paper not in PAPERS:
        raise RenderError(f"unknown paper {paper!r}; use {one_of(PAPERS)}")
    ids = list(dict.fromkeys(people)) if people else list(plan.index.people)
    missing = [p for p in ids if p not in plan.index.people]
    if missing:
        raise RenderError(
            f"no {'person' if len(missing) == 1 else 'people'} {', '.join(repr(m) for m in missing)} in the plan"
        )
    _check_names(ids)  # before writing anything: a plan built in Python may skip validate
    folder = Path(out)
    try:
        make_folder(folder)  # refuses a link that leads nowhere rather than make a folder where it points
    except OSError as exc:
        raise _cannot_write(exc, exc.filename or folder) from exc
    remove_stale_temporaries(folder)  # left by killed runs: nothing else removes them
    env = environment(Path(templates) if templates is not None else None)
    day = as_of or dt.date.today()
    # one maker for every brief: what briefs share is built once (see BriefMaker)
    job = _Job(plan, env, wanted, folder, paper, day, since, since_label, BriefMaker(plan, as_of=day))
    _warm(plan)
    before = _read_manifest(folder)
    written: list[_File] = []
    if jobs > 1 and len(ids) > _CHUNK and "fork" in multiprocessing.get_all_start_methods():
        written = _render_parallel(job, ids, jobs, progress)
    else:
        for done, person_id in enumerate(ids, 1):
            written += job.person(person_id)
            if progress is not None:
                progress(done, len(ids))
    if "html" in wanted:
        index = folder / file_name(INDEX_STEM, "html")
        page = _render(env, "index.html.j2", **_index_context(plan, ids)).encode()
        try:
            write_generated(os.fspath(folder), index.name, page)
        except OSError as exc:
            raise _cannot_write(exc, index) from exc
        written.append(_File.of(index.name, None, page))
    # Only a render of everyone knows who has left: a render of some people removes nothing.
    kept, removed, left = _tidy(folder, before, written, plan, everyone=not people)
    _write_manifest(folder, [*kept, *written])
    return Rendered((folder / f.name for f in written), removed, left)


_CHUNK = 64  # people per task handed to a worker process


def _warm(plan: Plan) -> None:
    """Build the plan's shared indexes once, so forked workers inherit them instead of each building them."""
    for _ in (plan.commitments, plan.owned_by, plan.organisation):
        pass


@dataclass
class _Job:
    """Everything needed to render one person's files."""

    plan: Plan
    env: jinja2.Environment
    formats: list[str]
    folder: Path
    paper: Paper
    day: dt.date
    since: PlanDiff | None
    since_label: str | None
    maker: BriefMaker

    templates: dict[str, jinja2.Template] = field(default_factory=dict, init=False)
    """Each template looked up once, not once per brief."""

    def person(self, person_id: str) -> list[_File]:
        data = self.maker.brief(person_id, since=self.since, since_label=self.since_label)
        html: str | None = None
        written: list[_File] = []
        folder = os.fspath(self.folder)
        for fmt in self.formats:
            name = file_name(person_id, fmt)  # a safe name: render() checked every id
            if fmt == "md":
                content = self.text("brief.md.j2", data).encode()
            elif fmt in {"html", "pdf"}:
                if html is None:
                    html = self.text("brief.html.j2", data)
                content = html.encode() if fmt == "html" else html_to_pdf(html)
            else:
                content = _ics(self.plan, person_id, self.day)
            # Briefs can be made again at any time, so the rename (which keeps the old file
            # whole if interrupted) is enough; syncing every file to disk would halve the speed.
            try:
                write_generated(folder, name, content)
            except OSError as exc:
                raise _cannot_write(exc, self.folder / name) from exc
            written.append(_File.of(name, person_id, content))
        return written

    def text(self, name: str, data: Brief) -> str:
        template = self.templates.get(name)
        if template is None:
            template = self.templates[name] = _template(self.env, name)
        return _render_with(template, name, brief=data, paper=self.paper, version=__version__)


def _ics(plan: Plan, person_id: str, day: dt.date) -> bytes:
    return calendar(plan, person_id, day)


_WORKER: dict[str, _Job] = {}  # filled in the parent before forking; the workers inherit it


def _work(chunk: list[str]) -> list[_File]:
    job = _WORKER["job"]
    return [path for person_id in chunk for path in job.person(person_id)]


def _render_parallel(job: _Job, ids: list[str], jobs: int, progress: Progress | None) -> list[_File]:
    _WORKER["job"] = job
    chunks = [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    written: list[_File] = []
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for paths in pool.imap(_work, chunks):
                written += paths
                if progress is not None:
                    progress(min(len(written) // max(len(job.formats), 1), len(ids)), len(ids))
    finally:
        _WORKER.clear()
    return written


_MANIFEST_LIMIT = 512 << 20
"""A manifest larger than this (some four million briefs) is no manifest of ours: it is not read."""


def _read_manifest(folder: Path) -> list[_File]:
    """The files the manifest in ``folder`` lists. Anything else (no manifest, a link, a
    folder, text that is not a manifest, an entry that is not a plain name) counts for
    nothing: the manifest can only ever make a render remove less."""
    path = folder / MANIFEST
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MANIFEST_LIMIT:
            return []
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    found: list[_File] = []
    for item in files if isinstance(files, list) else ():
        if not isinstance(item, dict):
            continue
        name, person, size, digest = (item.get(k) for k in ("name", "person", "size", "sha256"))
        if (
            isinstance(name, str)
            and _plain_name(name)
            and (person is None or isinstance(person, str))
            and type(size) is int
            and isinstance(digest, str)
        ):
            found.append(_File(name, person, size, digest))
    return found


def _plain_name(name: str) -> bool:
    """A name that can only be a file of the folder itself: no folder part, no drive, not
    absolute, no way up, and not hidden (the manifest, temporary files)."""
    return (
        bool(name)
        and not name.startswith(".")
        and not any(c in name for c in "/\\:\0")
        and not os.path.isabs(name)
        and os.path.basename(name) == name
    )


def _tidy(
    folder: Path, before: list[_File], written: list[_File], plan: Plan, *, everyone: bool
) -> tuple[list[_File], list[Path], list[tuple[Path, str]]]:
    """Remove what an earlier render wrote for people no longer in the plan (when this render
    was of everyone); returns the earlier entries still to be listed, the files removed, and
    those left in place with why."""
    again = {f.name for f in written}
    kept: list[_File] = []
    removed: list[Path] = []
    left: list[tuple[Path, str]] = []
    for entry in before:
        if entry.name in again:
            continue
        if not everyone or entry.person is None or entry.person in plan.index.people:
            kept.append(entry)  # still someone's brief, or not this render's to judge
            continue
        reason = _remove_if_ours(folder, entry)
        if reason is None:
            removed.append(folder / entry.name)
        elif reason:  # a file already gone needs no word
            left.append((folder / entry.name, reason))
    return kept, removed, left


def _remove_if_ours(folder: Path, entry: _File) -> str | None:
    """Remove ``folder/entry.name`` if it is still the plain file the manifest describes:
    None when removed, "" when it is gone already, else why it was left. The name has no
    folder part (:func:`_plain_name`) and unlink removes a link, never what it leads to, so
    nothing outside ``folder`` can be touched."""
    path = os.path.join(folder, entry.name)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return "it is a symbolic link now, not the brief cascade wrote"
        if not stat.S_ISREG(info.st_mode):
            return "it is not a plain file now, not the brief cascade wrote"
        if info.st_size != entry.size:
            return "it changed since cascade wrote it"
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as stream:
            if hashlib.sha256(stream.read(entry.size + 1)).hexdigest() != entry.sha256:
                return "it changed since cascade wrote it"
        os.unlink(path)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"it cannot be removed: {exc.strerror or exc}"
    return None


def _write_manifest(folder: Path, files: list[_File]) -> None:
    listed = {f.name: f for f in files}  # a name written again is listed as written last
    data = {
        "written_by": f"cascade {__version__}",
        "files": [
            {"name": f.name, "person": f.person, "size": f.size, "sha256": f.sha256}
            for f in sorted(listed.values(), key=lambda f: f.name)
        ],
    }
    try:
        # compact: an indented dump takes the slow, pure-Python encoder (a tenth of a second per 5,000 briefs)
        write_generated(os.fspath(folder), MANIFEST, json.dumps(data, separators=(",", ":")).encode())
    except OSError as exc:
        raise _cannot_write(exc, folder / MANIFEST) from exc


def render_brief(data: Brief, fmt: Literal["md", "html"], *, paper: Paper = "a4", templates: Path | None = None) -> str:
    """One brief as Markdown or HTML text."""
    env = environment(templates)
    name = "brief.md.j2" if fmt == "md" else "brief.html.j2"
    return _render(env, name, brief=data, paper=paper, version=__version__)


def output_path(folder: Path, person_id: str, fmt: str) -> Path:
    """``folder/<id>.<fmt>``, refusing any id that is not a safe file name everywhere
    (see :mod:`cascade.filenames`): such a name can neither leave the folder nor be a device."""
    _check_name(person_id)
    return folder / file_name(person_id, fmt)


def _check_name(person_id: str) -> None:
    reason = unsafe_reason(person_id)
    if reason is not None:
        raise RenderError(f"refusing to write a brief for the id {person_id!r}: it is not a safe file name ({reason})")


def _check_names(ids: Sequence[str]) -> None:
    """What validate reports as CAS004 and CAS005, as one error: every name safe, no two alike."""
    for person_id in ids:
        _check_name(person_id)
    clash = next(clashes(ids), None)
    if clash is not None:
        later, earlier = clash
        raise RenderError(
            f"refusing to write briefs for the ids {earlier!r} and {later!r}: "
            "their file names differ only in case, so they would be one file on macOS and Windows"
        )


def _cannot_write(exc: OSError, path: str | os.PathLike[str]) -> RenderError:
    """A file system fault (disk full, a folder not writable) is the user's to fix: say which
    path (the brief meant, not the temporary file the error may name) and why, in words."""
    return RenderError(f"cannot write {os.fspath(path)}: {exc.strerror or exc}")


def _render(env: jinja2.Environment, name: str, **context: object) -> str:
    return _render_with(_template(env, name), name, **context)


def _template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound, jinja2.UndefinedError) as exc:
        raise _template_error(exc, name) from None
    except TemplateUnreadable as exc:
        raise RenderError(f"cannot read template {exc.path}: {exc.reason}") from None


def _render_with(template: jinja2.Template, name: str, **context: object) -> str:
    try:
        return template.render(**context)
    except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound, jinja2.UndefinedError) as exc:
        raise _template_error(exc, name) from None
    except TemplateUnreadable as exc:  # an included template
        raise RenderError(f"cannot read template {exc.path}: {exc.reason}") from None


def _template_error(exc: jinja2.TemplateError, name: str) -> RenderError:
    """What a fault in a template (missing, misspelt, naming nothing) is reported as."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return RenderError(f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return RenderError(f"template {exc.name} not found")
    return RenderError(f"template {_failing_template(exc, name)}: {exc.message}")


def _failing_template(exc: BaseException, fallback: str) -> str:
    """The template (and line) an error stands in: Jinja maps template lines into the traceback,
    so the innermost frame of a template file is the place, even inside an included template."""
    where = fallback
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".css")):
            where = f"{os.path.basename(filename)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _index_context(plan: Plan, ids: Sequence[str]) -> dict[str, object]:
    people = plan.index.people
    org = plan.organisation
    chosen = set(ids)
    groups: list[_Group] = []
    placed: set[str] = set()
    for team in plan.index.teams.values():
        members = [m for m in ([team.lead] if team.lead else []) + org.team_members(team) if m in chosen]
        members = list(dict.fromkeys(members))
        if members:
            groups.append(_Group(team.name, [_entry(people[m]) for m in members if m in people]))
            placed.update(members)
    rest = [p for p in ids if p not in placed]
    if rest:
        groups.append(_Group("Everyone else" if groups else "Everyone", [_entry(people[p]) for p in rest]))
    header = plan.plan
    return {"plan_name": header.name, "period_start": header.start, "period_end": header.end, "groups": groups}


def _entry(person: Person) -> _Entry:
    return _Entry(person.name, person.role, file_name(person.id, "html"))
