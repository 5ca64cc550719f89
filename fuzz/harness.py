"""Coverage-guided fuzzing of cascade (issue 11): see fuzz/README.md.

    python fuzz/harness.py TARGET [--seconds N] [--keep-going] [--work DIR] [--seed N] [-- LIBFUZZER_ARGS]
    python fuzz/harness.py TARGET --replay INPUT

TARGET is ``loads`` (any bytes as a plan file, through ``cascade.loads`` and
``cascade.validate``), ``roster`` (any bytes as the roster CSV of a small plan, through
``cascade.load``), ``cli`` (a plan and a few option bytes, through the command line in this
process: validate, graph, trace, render) or ``all`` (each in turn, in its own process, for
N seconds each, then a summary line per target).

Each target checks more than "no exception": diagnostics are well formed, a plan read
without findings dumps and reads back equal, and the command line exits 0, 1 or 2 with, for
2, one line ``cascade: error: ...`` and never ``internal error``.

With atheris installed the search is guided by coverage of cascade's own modules; without
it, a plain mutational loop over the same seeds runs instead (no guidance, same checks).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib
import io
import json
import os
import pkgutil
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_PLACES = [
    ROOT / "tests" / "corpus",
    ROOT / "tests" / "data",
    ROOT / "examples",
    ROOT / "src" / "cascade" / "seeds",
]
DICTIONARY = Path(__file__).resolve().parent / "yaml.dict"
AS_OF = dt.date(2027, 1, 1)
HEADER = b"cascade: 1\nplan: {name: Demo, start: 2027-01-01, end: 2027-06-30, roster: roster.csv}\n"
ROSTER_PLAN = HEADER + b"people:\n  - {id: lea, name: Lea Berg, role: Director}\n"
CODE = re.compile(r"CAS\d{3}")
DONE = re.compile(r"stat::number_of_executed_units: (\d+)")

Target = Callable[[bytes], None]

try:
    import atheris
except ImportError:  # no wheel for this platform: the plain loop below runs instead
    atheris = None


# -- importing cascade, instrumented when atheris is here -----------------------------------


def _import_cascade() -> None:
    """Import every module of cascade now: the package imports lazily, and atheris only
    instruments what is imported inside its hook."""
    hook = atheris.instrument_imports(include=["cascade"]) if atheris is not None else contextlib.nullcontext()
    with hook:
        import cascade

        for module in pkgutil.walk_packages(cascade.__path__, "cascade."):
            with contextlib.suppress(ImportError):  # an optional extra (PDF) not installed
                importlib.import_module(module.name)


# -- the checks every target makes ---------------------------------------------------------


class Finding(AssertionError):
    """An outcome cascade promises never to give: ``kind`` names it, ``detail`` shows it."""

    def __init__(self, kind: str, detail: object = "") -> None:
        super().__init__(f"{kind}: {detail!s:.300}" if detail != "" else kind)
        self.kind = kind


def _check_diagnostics(diagnostics: Iterable[object]) -> None:
    from cascade import Diagnostic

    for diagnostic in diagnostics:
        if not isinstance(diagnostic, Diagnostic):
            raise Finding("not a Diagnostic", repr(diagnostic))
        if not CODE.fullmatch(diagnostic.code) or not diagnostic.message:
            raise Finding("malformed diagnostic", repr(diagnostic))
        if (diagnostic.line or 0) < 0 or (diagnostic.column or 0) < 0:
            raise Finding("negative place", repr(diagnostic))


def _validate(plan: object) -> None:
    import cascade

    assert isinstance(plan, cascade.Plan)
    _check_diagnostics(cascade.validate(plan, as_of=AS_OF).diagnostics)


def target_loads(data: bytes) -> None:
    """Any bytes as one plan file: a report, or a PlanError; a clean read dumps and reads back equal."""
    import cascade

    try:
        plan = cascade.loads(data, name="fuzz.yaml")
    except cascade.PlanError as exc:
        _check_diagnostics(exc.diagnostics)
        return
    _validate(plan)
    if not plan.load_findings:
        again = cascade.loads(cascade.dumps(plan))
        if again != plan:
            raise Finding("a plan read without findings does not read back equal from cascade.dumps")


class _Folder:
    """One scratch folder per process, reused by every input (files are overwritten)."""

    path: Path | None = None

    @classmethod
    def get(cls) -> Path:
        if cls.path is None:
            cls.path = Path(tempfile.mkdtemp(prefix="cascade-fuzz-"))
        return cls.path


def target_roster(data: bytes) -> None:
    """Any bytes as the roster CSV beside a small plan."""
    import cascade

    folder = _Folder.get()
    (folder / "plan.yaml").write_bytes(ROSTER_PLAN)
    (folder / "roster.csv").write_bytes(data)
    try:
        plan = cascade.load(folder / "plan.yaml")
    except cascade.PlanError as exc:
        _check_diagnostics(exc.diagnostics)
        return
    _validate(plan)


FORMATS = ["text", "json", "github", "sarif", "junit"]
GRAPHS = ["mermaid", "dot", "json", "html"]
SELECTS = [[], ["--select", "CAS0"], ["--ignore", "CAS2,CAS5"], ["--strict"]]
ID = re.compile(rb"id:\s*([A-Za-z0-9_.-]+)")


def _command(option: int, plan: Path, text: bytes) -> list[str]:
    """The command an input's first byte chooses: mostly validate, sometimes another reader."""
    kind, detail = option % 8, option // 8
    where = str(plan)
    if kind <= 3:
        cache = ["--no-cache"] if detail & 1 else []
        return ["validate", "--as-of", "2027-01-01", "--format", FORMATS[detail % 5], *SELECTS[kind], *cache, where]
    if kind <= 5:
        return ["graph", "--format", GRAPHS[detail % 4], where]
    if kind == 6:
        ids = ID.findall(text)
        wanted = ids[detail % len(ids)].decode() if ids else "nobody"
        return ["trace", where, wanted]
    out = plan.parent / "briefs"
    shutil.rmtree(out, ignore_errors=True)
    return [
        "render",
        "--force",
        "--no-cache",
        "--as-of",
        "2027-01-01",
        "--format",
        "md,html,ics",
        "--out",
        str(out),
        where,
    ]


def target_cli(data: bytes) -> None:
    """The first byte chooses a command and its options, the rest is the plan file."""
    from cascade.cli import main

    if not data:
        return
    folder = _Folder.get()
    plan = folder / "plan.yaml"
    plan.write_bytes(data[1:])
    argv = _command(data[0], plan, data[1:])
    status, out, err = _run_main(main, argv)
    _check_cli(argv, status, out, err)
    if argv[0] == "validate" and "--no-cache" not in argv:  # the cache must answer as a fresh read
        fresh = _run_main(main, [*argv[:-1], "--no-cache", argv[-1]])
        if fresh[:2] != (status, out):
            raise Finding("validate from the cache differs from a fresh read", f"{status} {out[:200]!r} {fresh[:2]!r}")


def _run_main(main: Callable[[list[str]], int], argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def _check_cli(argv: list[str], status: int, out: str, err: str) -> None:
    if status not in (0, 1, 2):
        raise Finding(f"{argv[0]} exited with another status than 0, 1 or 2", status)
    if "Traceback" in err or "internal error" in err:
        raise Finding(f"{argv[0]} printed a traceback or an internal error", err.strip())
    if status == 2:
        if out or not err.startswith("cascade: error: ") or len(err.strip().splitlines()) != 1:
            raise Finding(f"{argv[0]} exited 2 without one line 'cascade: error: ...'", repr(err))
    elif argv[0] == "validate" and ("json" in argv or "sarif" in argv):
        try:
            json.loads(out)
        except ValueError as exc:
            raise Finding("validate printed JSON that does not parse", exc) from None


TARGETS: dict[str, Target] = {"loads": target_loads, "roster": target_roster, "cli": target_cli}


# -- seeds ---------------------------------------------------------------------------------


def _seed_files() -> Iterator[Path]:
    for place in SEED_PLACES:
        if place.is_dir():
            yield from sorted(p for p in place.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def seeds(target: str) -> list[bytes]:
    """Starting inputs: the corpus and the examples, shaped for the target."""
    plans = [p.read_bytes() for p in _seed_files() if p.stat().st_size <= 64 * 1024]
    if target == "loads":
        return plans
    if target == "cli":
        options = (0, 9, 4, 6, 7)  # validate (cached, fresh), graph, trace, render: one each in turn
        return [bytes([options[i % len(options)]]) + plan for i, plan in enumerate(plans) if len(plan) < 8192]
    rosters = [p.read_bytes() for place in SEED_PLACES if place.is_dir() for p in sorted(place.rglob("*.csv"))]
    return [
        *rosters,
        b"id,name,role,email,manager\nana,Ana Lima,AE,ana@x.example,lea\nbo,Bo,SE,,ana\n",
        b'\xef\xbb\xbfid,name\r\nana,"Lima, Ana"\r\n',
        b'id,name,manager\nana,"Ana\nLima",lea\n,,\n',
    ]


# -- findings kept while going on ----------------------------------------------------------


def _signature(exc: BaseException) -> str:
    """Where a failure comes from: its type and the innermost frame inside cascade."""
    import cascade

    package = str(Path(cascade.__file__).parent)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(package)]
    place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{exc.kind} (fuzz/harness.py)" if isinstance(exc, Finding) else f"{type(exc).__name__} at {place}"


def keeping_going(target: Target, findings: Path) -> Target:
    """Record each new kind of failure (input and traceback) under ``findings`` and go on."""
    seen: set[str] = {p.stem for p in findings.glob("*.txt")}

    def run(data: bytes) -> None:
        try:
            target(data)
        except Exception as exc:
            key = hashlib.sha1(_signature(exc).encode()).hexdigest()[:12]
            if key in seen:
                return
            seen.add(key)
            findings.mkdir(parents=True, exist_ok=True)
            (findings / f"{key}.input").write_bytes(data)
            (findings / f"{key}.txt").write_text(_signature(exc) + "\n\n" + traceback.format_exc(), encoding="utf-8")
            print(f"NEW FINDING {key}: {_signature(exc)}", file=sys.stderr, flush=True)

    return run


# -- engines -------------------------------------------------------------------------------


def run_atheris(name: str, target: Target, seconds: int, work: Path, seed: int | None, extra: list[str]) -> None:
    corpus, seed_dir = work / name / "corpus", work / name / "seeds"
    for folder in (corpus, seed_dir):
        folder.mkdir(parents=True, exist_ok=True)
    for data in seeds(name):
        (seed_dir / hashlib.sha1(data).hexdigest()).write_bytes(data)
    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        "-timeout=10",  # seconds for one input: longer is a hang
        "-rss_limit_mb=3072",
        "-max_len=16384",
        "-print_final_stats=1",
        f"-artifact_prefix={work / name}{os.sep}",
        f"-dict={DICTIONARY}",
        *([f"-seed={seed}"] if seed is not None else []),
        *extra,
        str(corpus),
        str(seed_dir),
    ]
    atheris.Setup(args, target)
    atheris.Fuzz()  # exits the process when done


def run_plain(name: str, target: Target, seconds: int, seed: int | None) -> None:
    """Without atheris: mutate the seeds at random (bytes flipped, cut, repeated, spliced,
    tokens from the dictionary put in) and run each mutant."""
    rng = random.Random(seed)
    pool = seeds(name)
    tokens = [t.encode().decode("unicode_escape").encode("latin-1") for t in _dictionary()]
    runs, end = 0, time.monotonic() + seconds
    for first in pool:
        target(first)
        runs += 1
    while time.monotonic() < end:
        data = bytearray(rng.choice(pool))
        for _ in range(rng.randint(1, 8)):
            at = rng.randint(0, len(data))
            move = rng.randrange(5)
            if move == 0 and data:
                data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
            elif move == 1:
                del data[at : at + rng.randint(1, 64)]
            elif move == 2:
                data[at:at] = data[at : at + rng.randint(1, 64)] * rng.randint(1, 4)
            elif move == 3:
                other = rng.choice(pool)
                start = rng.randint(0, len(other))
                data[at:at] = other[start : start + rng.randint(1, 256)]
            else:
                data[at:at] = rng.choice(tokens)
        target(bytes(data[:16384]))
        runs += 1
    print(f"stat::number_of_executed_units: {runs}", file=sys.stderr)


def _dictionary() -> list[str]:
    lines = DICTIONARY.read_text(encoding="utf-8").splitlines()
    return [line[1:-1] for line in (x.strip() for x in lines) if line.startswith('"') and line.endswith('"')]


def _artifacts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*-*") if p.name.split("-")[0] in ("crash", "timeout", "oom", "leak"))


def drive(names: list[str], seconds: int, work: Path, keep_going: bool, seed: int | None, extra: list[str]) -> int:
    """Run each target in a process of its own for ``seconds``, one summary line each; with
    ``keep_going`` a run that libFuzzer ends early (a hang, memory) starts again for the
    time left. Exit 1 if any target found anything."""
    failed = 0
    for name in names:
        started, runs, exits = time.monotonic(), 0, []
        said: list[str] = []
        while True:
            left = seconds - int(time.monotonic() - started)
            argv = [sys.executable, __file__, name, "--child", "--seconds", str(max(left, 1)), "--work", str(work)]
            argv += ["--keep-going"] if keep_going else []
            argv += ["--seed", str(seed)] if seed is not None else []
            argv += ["--", *extra] if extra else []
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
            runs += sum(int(n) for n in DONE.findall(done.stderr)[-1:])
            exits.append(done.returncode)
            said = [  # atheris prints a Python exception on stdout, libFuzzer the rest on stderr
                line for line in (done.stdout + done.stderr).splitlines() if not line.startswith(("#", "INFO:"))
            ]
            if done.returncode == 0 or not keep_going or time.monotonic() - started >= seconds - 5:
                break
        findings = sorted((work / name / "findings").glob("*.txt"))
        artifacts = _artifacts(work / name)
        ok = set(exits) == {0} and not findings and not artifacts
        failed += not ok
        engine = "atheris" if atheris is not None else "plain"
        print(
            f"{name}: {engine}, {time.monotonic() - started:.0f} s, {runs} executions, "
            f"exits {exits}, {len(findings)} findings, {len(artifacts)} artifacts",
            flush=True,
        )
        if not ok:
            print("\n".join(said)[-4000:], file=sys.stderr)
            for finding in findings:
                print(f"finding {finding}: {finding.read_text(encoding='utf-8').splitlines()[0]}", file=sys.stderr)
            for artifact in artifacts:
                print(f"artifact: {artifact}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    cut = argv.index("--") if "--" in argv else len(argv)
    own, extra = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(description="Fuzz cascade (see fuzz/README.md).")
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("--seconds", type=int, default=60, help="how long to run each target")
    parser.add_argument("--keep-going", action="store_true", help="record failures under WORK/TARGET/findings, go on")
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "work", help="corpora, findings")
    parser.add_argument("--seed", type=int, default=None, help="random seed, for a repeatable run")
    parser.add_argument("--replay", type=Path, help="run the target once on this input and show what fails")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # one run, in this process
    options = parser.parse_args(own)
    if options.replay is not None:
        os.environ["CASCADE_DEBUG"] = "1"
        TARGETS[options.target](options.replay.read_bytes())
        print("no failure")
        return 0
    if not options.child:
        names = list(TARGETS) if options.target == "all" else [options.target]
        return drive(names, options.seconds, options.work, options.keep_going, options.seed, extra)
    os.environ["CASCADE_DEBUG"] = "1"  # the command line raises its own bugs: a traceback, not a line
    _import_cascade()
    target = TARGETS[options.target]
    if options.keep_going:
        target = keeping_going(target, options.work / options.target / "findings")
    if atheris is not None:
        run_atheris(options.target, target, options.seconds, options.work, options.seed, extra)
    else:
        run_plain(options.target, target, options.seconds, options.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
