"""Run the command line in a subprocess under a memory cap and a timeout (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cascade

MEMORY = 2 << 30
"""Address space a run may take: a small plan needs some 300 MB."""

_CAPPED = (
    "import resource, runpy, sys\n"
    "limit = int(sys.argv.pop(1))\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "runpy.run_module('cascade', run_name='__main__', alter_sys=True)\n"
)
"""The cap is set by the child itself: a ``preexec_fn`` is unsafe if the tests run threads."""


@dataclass
class Outcome:
    status: int | None
    """None when it gave no answer in time (it was killed)."""
    out: str
    err: str


def run_capped(argv: list[str], cwd: Path, timeout: float, memory: int = MEMORY) -> Outcome:
    """``cascade *argv`` in ``cwd``, the same cascade as this process imports. Standard input
    stays open and empty, so that a read of /dev/stdin waits, as it would in a terminal."""
    env = {**os.environ, "PYTHONPATH": str(Path(cascade.__file__).parent.parent)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-c", _CAPPED, str(memory), *argv],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
        )
        status: int | None
        try:
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            status = None
        finally:
            assert process.stdin is not None
            process.stdin.close()
        out.seek(0)
        err.seek(0)
        return Outcome(status, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
