"""The last verdict on a plan, replayed while nothing it depends on has changed.

Checking a plan that has not changed since the last run gives the same diagnostics again.
A pre-commit hook, an editor on save or a CI retry asks exactly that, most of the time.
After each cached run, the report is kept in ``.cascade_cache/`` beside the plan with what
it depends on:

- the question: the path as given, the options that change the outcome (codes selected and
  ignored, the day taken as today, the safety caps), and the code that answered it (the
  cascade version, the size and modification time of each of its modules, and the
  environment it ran in);
- the answer's inputs: the plan's file names and, for each file read (the roster too), its
  status (size, inode, change and modification times), as the file cache records them.

A later run with the same question whose inputs all have the same status prints the kept
report without reading the plan, and so without importing the models or the rules. Any
write to a file changes its change time (ctime), which no tool can set back; a file
changed within two seconds of the run that judged it is "racy" (see :mod:`cascade.store.file_cache`),
and then no verdict is kept. The report is plain data (marshal), signed with the cache key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cascade._version import __version__
from cascade.diagnostics import Diagnostic, Report, Severity
from cascade.limits import Limits
from cascade.read.plan_files import YAML_SUFFIXES, plan_files
from cascade.store import file_cache

_FORMAT = 1  # bump when what is kept changes shape


@dataclass(frozen=True)
class Question:
    """What was asked of a plan: everything besides its files that decides the report."""

    path: str
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    as_of: dt.date | None = None
    limits: Limits | Mapping[str, int] | None = None

    @classmethod
    def asked(
        cls,
        path: str | os.PathLike[str],
        *,
        select: Collection[str] | None = None,
        ignore: Collection[str] = (),
        as_of: dt.date | None = None,
        limits: Limits | Mapping[str, int] | None = None,
    ) -> Question:
        """The question as :func:`cascade.check` is asked it: codes in any case, today by default."""
        return cls(
            os.fspath(path),
            frozenset(c.upper() for c in select) if select else None,
            frozenset(c.upper() for c in ignore),
            as_of or dt.date.today(),  # "today" is part of the question: overdue dates depend on it
            limits,
        )

    def key(self) -> str:
        caps = vars(self.limits) if isinstance(self.limits, Limits) else dict(self.limits or {})
        asked = (
            os.path.abspath(self.path),  # which plan; the path as given names its files in the report
            self.path,
            sorted(self.select) if self.select is not None else None,
            sorted(self.ignore),
            (self.as_of or dt.date.today()).isoformat(),
            sorted(caps.items()),
            code_stamp(),
        )
        return hashlib.blake2b(repr(asked).encode(), digest_size=20).hexdigest()


class Verdicts:
    """The kept verdict of one plan (a file or a folder), in its folder's cache."""

    def __init__(self, question: Question, store: file_cache.FileCache | None = None) -> None:
        root = question.path
        self.question = question
        self.is_folder = os.path.isdir(root)
        folder = root if self.is_folder else os.path.dirname(root) or "."
        self.store = store or file_cache.FileCache(Path(folder))
        self.key = question.key()
        # one kept verdict per plan: a new question about the same plan replaces the old answer
        plan_name = hashlib.blake2b(os.path.abspath(root).encode(), digest_size=10).hexdigest()
        self.name = f"{plan_name}.verdict"
        self.statuses: dict[str, file_cache.Status | None] = {}
        """The status of each input, as :meth:`replay` found it (by the names the report uses)."""
        self.listing: list[tuple[str, str]] | None = None
        """The plan's files as :meth:`replay` listed them (a folder plan with a kept verdict)."""

    def replay(self) -> Report | None:
        """The kept report, when the question and every input are as they were; else None."""
        kept = self.store.read_data(self.name)
        if not (isinstance(kept, tuple) and len(kept) == 5 and kept[0] == _FORMAT and kept[1] == self.key):
            return None
        _, _, names, inputs, rows = kept
        if self.is_folder:
            listed = self.listing = plan_files(self.question.path)  # kept for the load, if it comes to that
            if names != [relative for _, relative in listed]:
                return None  # a file was added, removed or renamed
        now = self.statuses = {path: _status(path) for path, _ in inputs}  # kept for record() and the load
        if any(now[path] != status for path, status in inputs):
            return None
        try:
            return Report([Diagnostic(c, Severity(s), m, f, ln, col, tuple(ids)) for c, s, m, f, ln, col, ids in rows])
        except (TypeError, ValueError):  # signed by us but not this shape: an older layout
            return None

    def record(self, report: Report, files: Sequence[str], started_ns: int) -> bool:
        """Keep ``report`` as the answer for ``files`` (every file the plan was read from), if
        none of them changed since just before ``started_ns``, when reading began. Returns
        whether it was kept."""
        # A status taken before reading began (by replay) or after it ended proves the content
        # read only if the file's last change came before reading began.
        known = self.statuses
        inputs = [(path, known[path] if path in known else _status(path)) for path in files]  # None: no file
        racy = started_ns - file_cache.RACY_NS
        if any(status is not None and max(status[3], status[4]) >= racy for _, status in inputs):
            return False  # changed while (or just before) it was read: its status proves nothing
        names = self._names(files) if self.is_folder else []
        rows = [(d.code, d.severity.value, d.message, d.file, d.line, d.column, list(d.ids)) for d in report]
        self.store.write_data(self.name, (_FORMAT, self.key, names, inputs, rows))
        return True

    def _names(self, files: Sequence[str]) -> list[str]:
        """The plan files read, named as :func:`plan_files` names them (the roster is not one)."""
        prefix = os.path.join(self.question.path, "")  # the reader named each os.path.join(path, name)
        return [f[len(prefix) :] for f in files if f.endswith(YAML_SUFFIXES) and f.startswith(prefix)]


def recall(question: Question, *, cache: bool) -> tuple[Report | None, Verdicts | None]:
    """The kept report for ``question`` if nothing it depends on has changed, and the
    verdicts to record a new one in (None without the cache, or for a plan that is not
    there). Light on purpose: a replayed report needs neither the models nor the rules."""
    if not cache or not os.path.exists(question.path):
        return None, None
    verdicts = Verdicts(question)
    return verdicts.replay(), verdicts


def _status(path: str) -> file_cache.Status | None:
    try:
        return file_cache.status_of(os.stat(path))
    except OSError:
        return None


def code_stamp() -> tuple[object, ...]:
    """What identifies the code that judges: the version, each module's size and modification
    time (an edited checkout judges afresh), the Python, and the folder cascade is installed
    in (installing or upgrading a package there, pydantic say, changes its modification time)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # cascade/store/ -> cascade/
    modules: list[tuple[str, int, int]] = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                modules.append((os.path.relpath(os.path.join(folder, name), package), info.st_size, info.st_mtime_ns))
    home = os.path.dirname(package)
    return (__version__, _FORMAT, sys.version, home, os.stat(home).st_mtime_ns, modules)
