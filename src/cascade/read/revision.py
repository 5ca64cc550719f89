"""Plans read from git: ``REV:PATH`` (``HEAD~1:plans/``) through git itself, no checkout needed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from cascade.errors import PlanError
from cascade.model.plan import Plan
from cascade.read.assemble import load
from cascade.read.plan_files import YAML_SUFFIXES

_SPEC = re.compile(r"^(?P<rev>[^:\s]+):(?P<path>.*)$")


class RevisionError(Exception):
    """A ``REV:PATH`` that git cannot give: not a repository, an unknown revision or path."""


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


def load_revision(rev: str, path: str, shown: str) -> Plan:
    top = _git("rev-parse", "--show-toplevel").decode().strip()
    if path.startswith("./") or path in (".", ""):  # relative to the current folder, as git means it
        prefix = _git("rev-parse", "--show-prefix").decode().strip()
        path = prefix + path[2:] if path.startswith("./") else prefix
    path = path.rstrip("/")
    try:
        kind = _git("cat-file", "-t", f"{rev}:{path}", cwd=top).decode().strip()
    except RevisionError:
        raise RevisionError(f"{shown}: git has no such revision or path") from None
    with tempfile.TemporaryDirectory(prefix="cascade-rev-") as folder:
        if kind == "blob":  # the file, and the CSV files beside it, one of which may be its roster
            base = os.path.dirname(path)
            listing = _git("ls-tree", "-z", "--name-only", rev, "--", f"{base}/" if base else ".", cwd=top).decode()
            files = [path, *(f for f in listing.split("\0") if f.endswith(".csv"))]
        else:
            listing = _git("ls-tree", "-r", "-z", "--name-only", rev, "--", path, cwd=top).decode()
            files = [f for f in listing.split("\0") if f.endswith((*YAML_SUFFIXES, ".csv"))]
            base = path
        for name in files:
            target = Path(folder, os.path.relpath(name, base) if base else name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git("show", f"{rev}:{name}", cwd=top))
        root = Path(folder, os.path.basename(path)) if kind == "blob" else Path(folder)
        try:
            return load(root)
        except PlanError as exc:
            raise RevisionError(f"{shown} is not a readable plan: {exc}".replace(folder, rev + ":" + base)) from None
