"""Plans read from git: ``REV:PATH`` (``HEAD~1:plans/``) through git itself, no checkout needed."""

from __future__ import annotations

import datetime as dt
import errno
import os
import posixpath
import re
import shutil
import subprocess

from cascade.errors import CascadeError, PlanError
from cascade.limits import Limits
from cascade.model.plan import Plan
from cascade.read.assemble import load, read_plan
from cascade.read.file_part import FilePart, check_part
from cascade.read.plan_files import is_plan_file, walk_order
from cascade.read.readers import Reader
from cascade.read.safe_files import Refused, TooBig
from cascade.read.yaml_file import read_fetched

_SPEC = re.compile(r"^(?P<rev>[^:\s]+):(?P<path>.*)$")


class RevisionError(CascadeError):
    """A plan argument that cannot be read: a path that does not exist, or a ``REV:PATH`` that
    git cannot give (no git, not a repository, an unknown revision or path) or whose plan is
    not readable at that revision."""


def is_revision_spec(argument: str) -> bool:
    """True for ``REV:PATH`` that is not simply an existing file (or a Windows drive path)."""
    if os.path.exists(argument) or re.match(r"^[A-Za-z]:[\\/]", argument):
        return False
    return _SPEC.match(argument) is not None


def load_plan_argument(argument: str) -> Plan:
    """A plan from a path, or from ``REV:PATH`` inside the git repository around the current folder."""
    if not is_revision_spec(argument):
        if not os.path.exists(argument):
            raise RevisionError(f"no such file or directory: {argument}")
        return load(argument)
    match = _SPEC.match(argument)
    assert match is not None
    return load_revision(match["rev"], match["path"], argument)


def _git(*args: str, cwd: str | None = None) -> bytes:
    if shutil.which("git") is None:
        raise RevisionError("git is not installed, so REV:PATH cannot be read")
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {' '.join(args)} failed")
    return proc.stdout


def plan_day(argument: str, plan: Plan) -> dt.date | None:
    """The day the plan ``argument`` names (read as ``plan``) was last changed, to name it by
    for people who do not read git: for ``REV:PATH``, the day of the last commit up to REV
    that changed PATH; for a path, the day its newest file was last written. None when
    neither can be told."""
    match = _SPEC.match(argument) if is_revision_spec(argument) else None
    if match is None:
        times = [os.path.getmtime(f) for f in plan.files if os.path.isfile(f)]
        return dt.date.fromtimestamp(max(times)) if times else None
    try:
        top, path = _in_repository(match["path"])
        shown = _git("log", "-1", "--format=%cd", "--date=short", match["rev"], "--", path or ".", cwd=top)
        return dt.date.fromisoformat(shown.decode().strip())
    except (RevisionError, ValueError):
        return None


def _in_repository(path: str) -> tuple[str, str]:
    """The repository's top folder, and ``path`` from there."""
    top = _git("rev-parse", "--show-toplevel").decode().strip()
    if path.startswith("./") or path in (".", ""):  # relative to the current folder, as git means it
        prefix = _git("rev-parse", "--show-prefix").decode().strip()
        path = prefix + path[2:] if path.startswith("./") else prefix
    return top, path.rstrip("/")


def load_revision(rev: str, path: str, shown: str) -> Plan:
    """The plan at ``path`` in revision ``rev`` (``shown``: the argument as the user wrote it),
    read from git's objects into memory: nothing is checked out or written anywhere."""
    top, path = _in_repository(path)
    try:
        kind = _git("cat-file", "-t", f"{rev}:{path}", cwd=top).decode().strip()
    except RevisionError:
        raise RevisionError(f"{shown}: git has no such revision or path") from None
    reader = RevisionReader(rev, path, kind == "tree", top)
    try:
        return read_plan(reader)
    except PlanError as exc:
        raise RevisionError(f"{shown} is not a readable plan: {exc}") from None


class RevisionReader(Reader):
    """The plan at ``path`` (a file, or a folder when ``folder``) in git revision ``rev`` of
    the repository at ``top``. Its files are named ``REV:PATH``; those it names (its roster)
    must stand in the plan's folder of that revision, and every file is read under the caps."""

    def __init__(self, rev: str, path: str, folder: bool, top: str) -> None:
        super().__init__(f"{rev}:{path}")
        self._rev, self._path, self._folder, self._top = rev, path, folder, top
        self._sizes: dict[str, int] = {}
        """Blob sizes the listing gave: a listed file is read with one call to git, not three."""

    def exists(self) -> bool:
        return True  # load_revision asked git already

    def folder(self) -> str:
        return self._path if self.is_folder() else posixpath.dirname(self._path)

    def listing(self) -> list[tuple[str, str]]:
        entries = _git("ls-tree", "-r", "-l", "-z", self._rev, "--", self._path, cwd=self._top).decode()
        found: dict[str, str] = {}  # relative -> name in the repository
        for entry in filter(None, entries.split("\0")):
            meta, name = entry.split("\t", 1)  # <mode> <type> <object> <size>, then the path
            relative = posixpath.relpath(name, self._path) if self._path else name
            kind, size = meta.split()[1], meta.split()[3]
            if kind == "blob" and is_plan_file(relative):
                found[relative] = name
                self._sizes[name] = int(size)
        return [(found[r], f"{self._rev}:{found[r]}") for r in sorted(found, key=walk_order)]

    def part(self, where: str, display: str, limits: Limits) -> FilePart:
        name = self._path if where == self.given else where
        return check_part(
            read_fetched(lambda: self._blob(name, "plan file", display, limits.max_file_size), display, limits)
        )

    def named(self, display: str, what: str, limit: int) -> bytes:
        name = posixpath.normpath(display.removeprefix(f"{self._rev}:"))
        base = self.folder()
        if (base and name != base and not name.startswith(base + "/")) or name.startswith("../") or name == "..":
            where = f"{self._rev}:{base or '.'}"
            raise Refused(
                f"the {what} {display} is outside the plan's folder {where}; cascade reads nothing outside it"
            )
        return self._blob(name, what, display, limit)

    def _blob(self, name: str, what: str, display: str, limit: int) -> bytes:
        spec = f"{self._rev}:{name}"
        size = self._sizes.get(name)
        if size is None:  # not listed: ask git what it is first
            try:
                kind = _git("cat-file", "-t", spec, cwd=self._top).decode().strip()
            except RevisionError:
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), display) from None
            if kind != "blob":
                raise Refused(f"the {what} {display} is a {kind} in git, not a file; it is not read")
            size = int(_git("cat-file", "-s", spec, cwd=self._top))
        if size > limit:
            raise TooBig(f"the {what} {display} holds {size:,} bytes, over the limit of {limit:,}", size)
        return _git("cat-file", "blob", spec, cwd=self._top)
