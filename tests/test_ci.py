"""``.ci/run``: the test command, then the acceptance contract only when it is beside the clone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone holding the real ``.ci/run`` and a ``scripts/test`` that only says it ran."""
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "run", repo / ".ci" / "run")
    (repo / "scripts").mkdir()
    test = repo / "scripts" / "test"
    test.write_text("#!/bin/sh\necho tests-ran\n", encoding="utf-8")
    test.chmod(0o755)
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "python").symlink_to(sys.executable)
    return repo


def run(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(repo / ".ci" / "run")], capture_output=True, text=True, check=False, env=dict(os.environ)
    )


def test_passes_without_the_contract(clone: Path) -> None:
    done = run(clone)
    assert done.returncode == 0, done.stderr
    assert "tests-ran" in done.stdout
    assert "skipped" in done.stdout


@pytest.mark.parametrize("status", [0, 3])
def test_runs_the_contract_when_it_is_there(clone: Path, status: int) -> None:
    contract = clone.parent / "shared" / "acceptance" / "contract.py"
    contract.parent.mkdir(parents=True)
    contract.write_text(f"import sys\nprint('contract-ran', sys.argv[1:])\nsys.exit({status})\n", encoding="utf-8")
    done = run(clone)
    assert "contract-ran ['.venv/bin/cascade']" in done.stdout
    assert done.returncode == status
