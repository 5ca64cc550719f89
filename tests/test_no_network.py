"""cascade reaches no network, whatever it is asked to do: every command runs in a process
whose audit hook records each socket, URL and host lookup it opens (Python's audit events
see them however deep in a library they happen), and none may be recorded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import NORTHWIND

ROOT = Path(__file__).parent.parent
SPLIT = ROOT / "examples" / "northwind-split"

# Events of the standard library that mean a connection, a lookup or a URL being opened.
NETWORK = ("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "poplib.", "imaplib.", "nntplib.", "telnetlib.")

RUNNER = textwrap.dedent(
    """
    import json, sys
    seen = []
    network = tuple(sys.argv[2:])

    def hook(event, args):
        if event.startswith(network):
            seen.append([event, repr(args)[:200]])

    sys.addaudithook(hook)
    from cascade.cli import main
    status = []
    for argv in json.loads(sys.argv[1]):
        try:
            status.append(main(argv))
        except SystemExit as exc:
            status.append(exc.code)
    print(json.dumps({"status": status, "seen": seen}))
    """
)


def run_commands(commands: list[list[str]], cwd: Path) -> dict[str, list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps(commands), *NETWORK],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[object]] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_hook_sees_a_connection() -> None:
    """The check itself works: a lookup made in the process is recorded."""
    probe = textwrap.dedent(
        """
        import socket
        try:
            socket.getaddrinfo("localhost", 9)
        except OSError:
            pass
        """
    )
    runner = RUNNER.replace("from cascade.cli import main", probe + "\nmain = lambda argv: 0")
    done = subprocess.run([sys.executable, "-c", runner, "[]", *NETWORK], capture_output=True, text=True, check=True)
    seen = json.loads(done.stdout.splitlines()[-1])["seen"]
    assert [event for event, _ in seen] == ["socket.getaddrinfo"]


def test_no_command_reaches_the_network(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    plan = str(NORTHWIND)
    out = tmp_path / "briefs"
    commands = [
        ["validate", plan, str(SPLIT), "--no-cache"],
        *(["validate", plan, "--no-cache", "-f", fmt] for fmt in ("json", "github", "sarif", "junit")),
        ["validate", str(tmp_path / "copy")],  # with the cache folder it makes
        ["render", plan, "-o", str(out), "-f", "md,html,pdf,ics", "-p", "priya", "--as-of", "2027-02-20"],
        ["graph", plan],
        ["graph", plan, "-f", "dot"],
        ["trace", plan, "priya"],
        ["diff", plan, str(SPLIT)],
        ["rules"],
        ["rules", "CAS201"],
        ["schema"],
        ["init", str(tmp_path / "new")],
    ]
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "plan.yaml").write_bytes(NORTHWIND.read_bytes())
    result = run_commands(commands, tmp_path)
    assert result["seen"] == []
    assert all(status in (0, 1) for status in result["status"]), result["status"]
    assert (out / "priya.pdf").read_bytes().startswith(b"%PDF-")


def test_a_template_naming_urls_makes_no_request(tmp_path: Path) -> None:
    """A custom template may name a stylesheet, image or font by URL: the PDF is made
    without fetching any of them, from the network or from a file."""
    pytest.importorskip("weasyprint")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the brief")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.html.j2").write_text(
        "<!doctype html><html><head>"
        '<link rel="stylesheet" href="http://192.0.2.1/style.css">'
        "<style>@import url(https://192.0.2.1/more.css);"
        " @font-face {font-family: x; src: url(http://192.0.2.1/x.woff)}</style>"
        f'</head><body><img src="{secret.as_uri()}"><img src="http://192.0.2.1/p.png">'
        "<p>{{ brief.person.name }}</p></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "briefs"
    command = ["render", str(NORTHWIND), "-o", str(out), "-f", "pdf", "-p", "priya", "--as-of", "2027-02-20"]
    result = run_commands([[*command, "--templates", str(folder)]], tmp_path)
    assert result["seen"] == []
    assert result["status"] == [0]
    reader = PdfReader(out / "priya.pdf")
    assert "Priya" in reader.pages[0].extract_text()
    assert not reader.pages[0].images  # neither the file nor the remote image was drawn
