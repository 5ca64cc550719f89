"""bench/run.py's wrapper: it reports a command's status and stops one that runs too long."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from tests.test_bench_generate import BENCH


def _load_runner() -> ModuleType:
    sys.path.insert(0, str(BENCH))  # run.py imports generate.py from its own folder
    try:
        spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def measure(tmp_path: Path, limit: float, *cmd: str) -> dict[str, object]:
    runner = _load_runner()
    done = subprocess.run(
        [sys.executable, "-c", runner.WRAPPER, str(tmp_path / "log"), str(limit), *cmd],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_command_that_ends_reports_its_status_and_memory(tmp_path: Path) -> None:
    result = measure(tmp_path, 30, sys.executable, "-c", "import sys; print('hi'); sys.exit(3)")
    assert result["rc"] == 3
    assert result["timed_out"] is False
    assert isinstance(result["peak_kb"], int)
    assert result["peak_kb"] > 0
    assert (tmp_path / "log").read_text(encoding="utf-8") == "hi\n"


def test_a_command_over_its_time_is_stopped(tmp_path: Path) -> None:
    result = measure(tmp_path, 0.3, sys.executable, "-c", "import time; time.sleep(30)")
    assert result["timed_out"] is True
    assert result["rc"] == -9
