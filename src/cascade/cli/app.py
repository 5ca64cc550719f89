"""The Typer application, its global options, and the consoles every command prints through."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.core import TyperCommand

from cascade._version import __version__
from cascade.errors import CascadeError

if TYPE_CHECKING:
    from rich.console import Console


def example(*lines: str) -> str:
    """A help page's closing "Example" paragraph: the command lines as written, not re-wrapped."""
    return "Example:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


app = typer.Typer(
    name="cascade",
    help="Check a sales plan kept as YAML, and tell every person what is theirs to do.",
    epilog=example("cascade init myplan", "cascade validate myplan", "cascade render myplan --out briefs"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Command(TyperCommand):
    """A command whose usage line names a required argument as ``PATH``, the way its
    Arguments section does, not as Typer's ``{PATH}``, which reads as a set to choose from."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [_unbraced(piece) for piece in super().collect_usage_pieces(ctx)]


def _unbraced(piece: str) -> str:
    return piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece


F = TypeVar("F", bound=Callable[..., int])


def command(name: str, *examples: str) -> Callable[[F], F]:
    """Register a command with :class:`Command` and an example in its ``--help``."""
    return app.command(name, cls=Command, epilog=example(*examples))


_KEPT: list[object] = []


def keep_until_exit(value: object) -> None:
    """Hold the last plan a command read until the process ends (see :func:`cascade.cli.run`)."""
    _KEPT[:] = [value]


class CliError(CascadeError):
    """A command that cannot run: a one-line message and exit status 2 (``main`` prints it)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _plain() -> bool:
    # Rich honours NO_COLOR by dropping colours but keeps bold and underline; plain means plain.
    return bool(os.environ.get("NO_COLOR"))


@cache
def _console_type() -> type[Console]:
    from rich.console import Console  # Rich is imported only when something is styled (start-up)

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich would point stdout at /dev/null and exit 1 itself; a reader that went away
            # (| head) is handled once, for every command, in main.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return QuietConsole


def out_console() -> Console:
    """Data goes to stdout: plain when piped or with NO_COLOR, never wrapped or cut."""
    # emoji=False: a path or a title written ":fire:" must print as written, not as a picture
    console = _console_type()(soft_wrap=True, highlight=False, emoji=False, color_system=None if _plain() else "auto")
    if not console.is_terminal:  # Rich would cut trees and tables at 80 columns in a pipe
        console.width = 10_000
    return console


def err_console() -> Console:
    return _console_type()(
        stderr=True, soft_wrap=True, highlight=False, emoji=False, color_system=None if _plain() else "auto"
    )


def write(text: str, *, err: bool = False) -> None:
    """Write text that has no style, such as JSON or a line of our own: Rich would print it
    unchanged, so it is not needed (nor imported) for it."""
    (sys.stderr if err else sys.stdout).write(text)


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        out_console().print(f"cascade {__version__}", markup=False)
        # An eager option, as --help is: it ends the run before any command is parsed, the
        # way Click's own eager options do; Click returns the status 0 to main.
        ctx.exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Check a sales plan kept as YAML, and tell every person what is theirs to do."""
