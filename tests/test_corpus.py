"""The corpus: hostile and awkward inputs, each with the answer cascade owes it (issue 11).

A case is a file of ``tests/corpus/``, or a folder there (a directory plan). Comment lines
of its YAML files say what must come out (UTF-16 files are read as UTF-16 for this):

    # expect: 4:10 CAS004            a diagnostic in this file, at line 4, column 10
    # expect: roster.csv:2:1 CAS004  in another file, named from this file's folder
    # expect: sub/x.yaml:*:* CAS008  anywhere in that file ('*' where the issue fixes no place;
                                     a file '*' is any file)
    # expect: clean                  no diagnostic among the selected codes
    # expect: exit 2 WORD...         a one-line error, exit 2, naming each word
    # select: CAS0,CAS402            the codes compared (prefixes; default CAS0; every rule runs)
    # args: --max-depth 5            more options for ``cascade validate``
    # never: root:x:                 text no output may hold (a file's content, say)
    # says: >999%                    text some diagnostic's message must hold
    # isolate                        run in a subprocess under a memory cap and a timeout

Cases that cannot be committed (big files, FIFOs, symlinks, an empty folder) are written at
test time by the functions in ``GENERATED``, with the same comments.

Each case runs through the command line in this process twice (the second run replays the
cache) and through ``cascade.load`` + ``cascade.validate``: both must give the expected
diagnostics and agree on every other one. An ``isolate`` case runs once, in a subprocess.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import cascade
from tests.capped import run_capped
from tests.conftest import AS_OF, HEADER, assert_one_line_error, run_cli

CORPUS = Path(__file__).parent / "corpus"
TIMEOUT = 60
"""Seconds one run of a case may take in this process (the 100 MB case takes a few)."""
ISOLATED_TIMEOUT = 15
"""Seconds an isolated run may take: a fixed cascade answers these in about one."""
LIMIT_FLAGS = {"--max-file-size": "max_file_size", "--max-depth": "max_depth", "--max-aliases": "max_alias_nodes"}

Found = tuple[str, int, int, str]
"""(file, line, column, code) of one diagnostic."""
Wanted = tuple[str, str, str, str]
"""(file, line, column, code) expected; line and column may be '*'."""

DIRECTIVE = re.compile(r"^#\s*(expect|select|args|never|says|isolate)\b:?[ \t]*(.*?)\s*$")
PLACE = re.compile(r"^(?:(?P<file>.+):)?(?P<line>\d+|\*):(?P<column>\d+|\*) (?P<code>CAS\d{3})$")


@dataclass
class Expectation:
    wanted: list[Wanted] = field(default_factory=list)
    clean: bool = False
    exit_words: list[str] | None = None
    select: tuple[str, ...] = ("CAS0",)
    args: list[str] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    says: list[str] = field(default_factory=list)
    isolate: bool = False

    def read(self, text: str, holder: str) -> None:
        """Take the directives of the file ``holder`` (a path relative to the case's folder)."""
        for line in text.splitlines():
            match = DIRECTIVE.match(line.strip())
            if match is None:
                continue
            key, value = match.groups()
            if key == "expect":
                self._expect(value, holder)
            elif key == "select":
                self.select = tuple(code.strip() for code in value.split(","))
            elif key == "args":
                self.args += value.split()
            elif key == "never":
                self.never.append(value)
            elif key == "says":
                self.says.append(value)
            else:
                self.isolate = True

    def _expect(self, value: str, holder: str) -> None:
        if value == "clean":
            self.clean = True
        elif value.startswith("exit 2"):
            self.exit_words = value.split()[2:]
        else:
            place = PLACE.match(value)
            assert place is not None, f"cannot read '# expect: {value}'"
            named = place["file"]
            file = holder if not named else named if named == "*" else os.path.join(os.path.dirname(holder), named)
            file = os.path.normpath(file)
            self.wanted.append((file, place["line"], place["column"], place["code"]))

    def check(self) -> None:
        """A case says exactly one of: diagnostics, clean, a one-line error."""
        assert sum((bool(self.wanted), self.clean, self.exit_words is not None)) == 1, "a case needs one outcome"


@dataclass
class Case:
    """A case ready to run: the path given to cascade (relative to ``work``) and what it owes."""

    work: Path
    target: str
    expect: Expectation
    after: Callable[[], None] | None = None
    """A check of its own once every run is over (files outside the plan untouched...)."""


# -- reading the corpus -------------------------------------------------------------------


def text_of(raw: bytes) -> str:
    """The text of a case file, to find its directives in: UTF-8 unless it looks like UTF-16."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace")
    if raw[1:2] == b"\0":
        return raw.decode("utf-16-le", "replace")
    if raw[:1] == b"\0":
        return raw.decode("utf-16-be", "replace")
    return raw.decode("utf-8", "replace")


def yaml_files_of(root: Path) -> list[Path]:
    """The regular YAML files of a case (never a FIFO: opening one would wait for a writer)."""
    if root.is_dir():
        return [p for p in sorted(root.rglob("*.y*ml")) if p.is_file() and not p.is_symlink()]
    return [root] if root.is_file() else []


def expectation_of(work: Path, target: str, extra: str = "") -> Expectation:
    """What the case at ``target`` owes: its files' directives, and ``extra`` given as if by
    ``target`` itself (a generated case that cannot hold comments)."""
    expect = Expectation()
    for path in yaml_files_of(work / target):
        expect.read(text_of(path.read_bytes()), str(path.relative_to(work)))
    expect.read(extra, target)
    expect.check()
    return expect


def committed(name: str) -> Callable[[Path], Case]:
    def build(work: Path) -> Case:
        source = CORPUS / name
        if source.is_dir():
            shutil.copytree(source, work / name, symlinks=True)
        else:
            shutil.copyfile(source, work / name)
        return Case(work, name, expectation_of(work, name))

    return build


# -- cases written at test time ------------------------------------------------------------


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def _lines(text: str) -> int:
    return text.count("\n")


def long_line(work: Path) -> Case:
    """A 1 MB name on one line: the fault after it is placed at its true column."""
    name = "x" * (1 << 20)
    head = HEADER + "people:\n"
    row = f'  - {{id: a, name: "{name}", manager: zz}}\n'
    _write(work / "long-line.yaml", head + row)
    column = row.index("zz") + 1
    return Case(work, "long-line.yaml", expectation_of(work, "long-line.yaml", f"# expect: 4:{column} CAS006"))


def big_file(size: int, name: str) -> Callable[[Path], Case]:
    """A plan of ``size`` bytes: many people, then comments, then one fault on the last line."""

    def build(work: Path) -> Case:
        path = work / name
        with path.open("w", encoding="utf-8", newline="") as out:
            written = out.write(HEADER + "people:\n")
            lines = _lines(HEADER) + 1
            person = 0
            while written < min(size // 4, 1 << 20):  # records up to 1 MB: reading them stays quick
                written += out.write(f"  - {{id: p{person}, name: Person {person}, role: {'AE ' * 60}}}\n")
                lines += 1
                person += 1
            comment = "# " + "filler " * 14 + "\n"
            while written < size - 200:
                written += out.write(comment)
                lines += 1
            last = "  - {id: last, name: Last, manager: nobody}\n"
            out.write(last)
        expect = expectation_of(work, name, f"# expect: {lines + 1}:{last.index('nobody') + 1} CAS006")
        assert path.stat().st_size >= size - 200
        return Case(work, name, expect)

    return build


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def fifo_roster(work: Path) -> Case:
    """Issue 11 item 3: a roster that is a FIFO is refused before it is opened: no hang."""
    _write(work / "plan/plan.yaml", HEADER.replace("}", ", roster: people.csv}"))
    _fifo(work / "plan/people.csv")
    return Case(work, "plan/plan.yaml", expectation_of(work, "plan/plan.yaml", "# isolate\n# expect: 2:* CAS008"))


def fifo_in_directory(work: Path) -> Case:
    """Issue 11 item 3: a FIFO named *.yaml in a directory plan is refused before it is opened."""
    _write(work / "plan/plan.yaml", HEADER + "people:\n  - {id: a, name: A, manager: zz}\n")
    _fifo(work / "plan/more.yaml")
    extra = "# isolate\n# expect: plan/more.yaml:*:* CAS008"
    return Case(work, "plan", expectation_of(work, "plan", extra))


def fifo_plan(work: Path) -> Case:
    """Issue 11 item 3: a FIFO given as the plan is refused with a diagnostic: no hang."""
    _fifo(work / "plan.yaml")
    return Case(work, "plan.yaml", expectation_of(work, "plan.yaml", "# isolate\n# expect: *:* CAS008"))


def roster_symlink_out(work: Path) -> Case:
    """Issue 11 item 2: a roster inside the tree that links to a file outside it is refused."""
    _write(work / "plan/plan.yaml", HEADER.replace("}", ", roster: people.csv}"))
    (work / "plan/people.csv").symlink_to("/etc/passwd")
    extra = "# expect: 2:* CAS008\n# never: root:x:"
    return Case(work, "plan/plan.yaml", expectation_of(work, "plan/plan.yaml", extra))


def empty_directory(work: Path) -> Case:
    (work / "plan").mkdir()
    return Case(work, "plan", expectation_of(work, "plan", "# expect: 0:0 CAS007"))


def missing_path(work: Path) -> Case:
    return Case(work, "nowhere.yaml", expectation_of(work, "nowhere.yaml", "# expect: exit 2 nowhere.yaml"))


def cache_symlink(work: Path) -> Case:
    """Issue 11 item 1: a .cascade_cache that links elsewhere is never written, pruned or read."""
    victim = work / "elsewhere"
    files = {"a.bin": b"keep me", ".gitignore": b"mine\n", "files": b"not cascade's"}
    for name, content in files.items():
        _write(victim / name, content)
    _write(work / "plan/plan.yaml", HEADER + "people:\n  - {id: a, name: A, manager: zz}\n")
    (work / "plan/.cascade_cache").symlink_to(victim, target_is_directory=True)

    def untouched() -> None:
        assert {p.name: p.read_bytes() for p in victim.iterdir()} == files

    return Case(work, "plan", expectation_of(work, "plan", "# expect: plan/plan.yaml:4:31 CAS006"), untouched)


GENERATED: dict[str, Callable[[Path], Case]] = {
    "gen-long-line": long_line,
    "gen-10-mb": big_file(10 << 20, "ten.yaml"),
    "gen-100-mb": big_file(100 << 20, "hundred.yaml"),
    "gen-fifo-roster": fifo_roster,
    "gen-fifo-in-directory": fifo_in_directory,
    "gen-fifo-plan": fifo_plan,
    "gen-roster-symlink-outside": roster_symlink_out,
    "gen-empty-directory": empty_directory,
    "gen-missing-path": missing_path,
    "gen-cache-symlink": cache_symlink,
}
SLOW = {"gen-100-mb"}


OPEN: dict[str, str] = {}  # item 5 (exact amounts) landed: its seven cases pass
"""Cases of findings not fixed yet: expected to fail (strictly, so a fix is noticed and the
entry removed); each names what it waits for."""


def cases() -> list[Any]:  # pytest.param's type is private
    found = [
        pytest.param(
            committed(p.name),
            id=p.name,
            marks=[pytest.mark.xfail(reason=OPEN[p.name], strict=True)] if p.name in OPEN else [],
        )
        for p in sorted(CORPUS.iterdir())
        if p.is_dir() or p.suffix in (".yaml", ".yml")
    ]
    made = [
        pytest.param(build, id=name, marks=[pytest.mark.slow] if name in SLOW else [])
        for name, build in GENERATED.items()
    ]
    return found + made


# -- running a case -----------------------------------------------------------------------


class Hung(BaseException):
    """Raised by the alarm: a BaseException, so that cascade's own handlers do not take it."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"no answer within {seconds} s")

    before = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def argv_of(case: Case) -> list[str]:
    return ["validate", "--format", "json", "--as-of", AS_OF.isoformat(), *case.expect.args, case.target]


def found_in(out: str) -> tuple[list[Found], list[str]]:
    payload = json.loads(out)
    found = [  # JSON gives no place as null, the API as 0
        (os.path.normpath(d["file"]), d["line"] or 0, d["column"] or 0, d["code"]) for d in payload["diagnostics"]
    ]
    return found, [d["message"] for d in payload["diagnostics"]]


def run_isolated(case: Case) -> tuple[int, str, str]:
    """The command line in a subprocess, under a memory cap and ISOLATED_TIMEOUT."""
    ran = run_capped(argv_of(case), case.work, ISOLATED_TIMEOUT)
    if ran.status is None:
        pytest.fail(f"cascade validate {case.target} gave no answer within {ISOLATED_TIMEOUT} s")
    return ran.status, ran.out, ran.err


def through_the_api(case: Case) -> tuple[list[Found], list[str]]:
    limits: dict[str, int] = {}
    args = list(case.expect.args)
    while args:
        flag, value = args.pop(0), args.pop(0)
        assert flag in LIMIT_FLAGS, f"{flag}: only the limit flags have an API twin here"
        limits[LIMIT_FLAGS[flag]] = int(value)
    with deadline(TIMEOUT):
        try:
            plan = cascade.load(case.target, limits=limits or None)
        except cascade.PlanError as exc:
            diagnostics = list(exc.diagnostics)
        else:
            diagnostics = list(cascade.validate(plan, as_of=AS_OF).diagnostics)
    found = [(os.path.normpath(d.file), d.line, d.column, d.code) for d in diagnostics]
    return found, [d.message for d in diagnostics]


def selected(found: list[Found], prefixes: tuple[str, ...]) -> list[Found]:
    return sorted(f for f in found if f[3].startswith(prefixes))


def matches(found: list[Found], wanted: list[Wanted]) -> bool:
    """Every diagnostic is wanted and every wanted one found, one for one ('*' matches any)."""
    left = list(found)
    for file, line, column, code in wanted:
        hit = next(
            (
                f
                for f in left
                if file in ("*", f[0]) and f[3] == code and line in ("*", str(f[1])) and column in ("*", str(f[2]))
            ),
            None,
        )
        if hit is None:
            return False
        left.remove(hit)
    return not left


def assert_outcome(case: Case, status: int, out: str, err: str) -> list[Found]:
    expect = case.expect
    assert "Traceback" not in err
    assert "internal error" not in err, err
    for text in expect.never:
        assert text not in out + err
    if expect.exit_words is not None:
        assert_one_line_error(status, out, err, *expect.exit_words)
        return []
    found, messages = found_in(out)
    errors = sum(1 for d in json.loads(out)["diagnostics"] if d["severity"] == "error")
    assert status == (1 if errors else 0), err
    chosen = selected(found, expect.select)
    assert matches(chosen, expect.wanted), f"wanted {sorted(expect.wanted)}, found {chosen}"
    for text in expect.says:
        assert any(text in message for message in messages), f"no message says {text!r}: {messages}"
    return found


@pytest.mark.parametrize("build", cases())
def test_corpus_case(
    build: Callable[[Path], Case],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    case = build(tmp_path)
    if case.expect.isolate:
        assert_outcome(case, *run_isolated(case))
    else:
        outputs = []
        for _ in ("cold", "warm"):
            with deadline(TIMEOUT):
                status, out, err = run_cli(capsys, *argv_of(case))
            found = assert_outcome(case, status, out, err)
            outputs.append((status, out))
        assert outputs[0] == outputs[1], "the replayed report differs from the first"
        if case.expect.exit_words is None:
            api, messages = through_the_api(case)
            assert sorted(api) == sorted(found), "the API and the command line disagree"
            for text in case.expect.never:
                assert all(text not in message for message in messages)
    if case.after is not None:
        case.after()
