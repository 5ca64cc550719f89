"""The short fuzz run of CI: every target of fuzz/harness.py, seeded from the corpus, for a
few seconds each. Longer runs are by hand (fuzz/README.md)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import cascade

HARNESS = Path(__file__).parent.parent / "fuzz" / "harness.py"
SECONDS = 6
"""Per target: some 30 s in all with start-up and the seeds, which run first."""
SUMMARY = re.compile(r"^(\w+): (atheris|plain), \d+ s, (\d+) executions, exits \[0\], 0 findings, 0 artifacts$")


def test_every_fuzz_target_runs_clean_for_a_short_budget(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(cascade.__file__).parent.parent)}
    argv = [sys.executable, str(HARNESS), "all", "--seconds", str(SECONDS), "--seed", "1", "--work", str(tmp_path)]
    done = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [SUMMARY.match(line) for line in done.stdout.splitlines()]
    ran = {m[1]: int(m[3]) for m in lines if m is not None}
    assert set(ran) == {"loads", "roster", "cli"}, done.stdout
    assert all(n > 0 for n in ran.values()), done.stdout
