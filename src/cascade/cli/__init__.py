"""The command line: a thin layer over the library. Every command returns its exit status,
and ``main(argv) -> int`` maps every other outcome (a usage error, a closed pipe, a
:class:`CliError`, an interrupt, a bug) to one in one place; nothing below it prints a
traceback or exits."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import warnings
from collections.abc import Sequence

import typer

try:  # Typer 0.26 and later carry their own copy of Click, and raise its exceptions
    from typer._click.exceptions import ClickException
except ImportError:  # earlier ones use the click package
    from click.exceptions import ClickException  # type: ignore[assignment]

from cascade._version import __version__
from cascade.cli import (
    diff_command,  # noqa: F401  (registers the command)
    graph_command,  # noqa: F401  (registers the command)
    init_command,  # noqa: F401  (registers the command)
    render_command,  # noqa: F401  (registers the command)
    rules_command,  # noqa: F401  (registers the command)
    schema_command,  # noqa: F401  (registers the command)
    trace_command,  # noqa: F401  (registers the command)
    validate_command,  # noqa: F401  (registers the command)
)
from cascade.cli.app import CliError, app, err_console
from cascade.store.file_cache import CacheWarning


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    with warnings.catch_warnings():
        # The library says through warnings what it had to do without (a cache folder it
        # will not use); the run goes on, and the user is told at once, in one line.
        warnings.simplefilter("once", CacheWarning)
        shown = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], *rest: object, **named: object) -> None:
            if issubclass(category, CacheWarning):
                err_console().print(f"cascade: note: {message}", markup=False, highlight=False)
            else:
                shown(message, category, *rest, **named)  # type: ignore[arg-type]

        warnings.showwarning = show
        return _dispatch(argv)


def _dispatch(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    streams = sys.stdout, sys.stderr
    try:
        # Not standalone: Click returns the command's exit status (and the status of --help,
        # --version and an interrupt), and raises instead of printing and exiting.
        status = app(args=args, prog_name="cascade", standalone_mode=False)
        if not isinstance(status, int):  # every command returns its exit status
            raise TypeError(f"the command returned {status!r}, not an exit status")
    except ClickException as exc:  # a usage error: Click's usage message, exit 2
        exc.show()
        return exc.exit_code
    except typer.Abort:  # what Click makes of end of input at a prompt
        typer.echo("Aborted!", err=True)
        return 1
    except SystemExit as exc:
        if _closed_pipe(exc.__context__):
            # Typer answers a closed pipe with exit 1, standalone or not, after wrapping the
            # standard streams; the reader stopping early (| head) is no failure, and main
            # leaves sys as it was.
            sys.stdout, sys.stderr = streams
            return 0
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except OSError as exc:  # the machine's, not ours: a disk full, a folder not writable
        if _closed_pipe(exc):
            return 0
        where = f"{exc.filename}: " if exc.filename is not None else ""
        err_console().print(f"cascade: error: {where}{exc.strerror or exc}", markup=False, highlight=False)
        return 2
    except CliError as exc:
        err_console().print(f"cascade: error: {exc}", markup=False, highlight=False)
        return exc.status
    except KeyboardInterrupt:
        err_console().print("cascade: interrupted", markup=False)
        return 130
    except Exception as exc:  # a bug of ours: one line, not a traceback, unless asked for
        if os.environ.get("CASCADE_DEBUG"):
            raise
        err_console().print(
            f"cascade: internal error: {type(exc).__name__}: {exc} (set CASCADE_DEBUG=1 for details)",
            markup=False,
            highlight=False,
        )
        return 2
    return status


def _closed_pipe(exc: BaseException | None) -> bool:
    return isinstance(exc, BrokenPipeError)


def run() -> None:
    """Console-script entry point."""
    # A run builds millions of long-lived objects and drops them all at the end; the cyclic
    # collector would scan them again and again for nothing (whole seconds at a million
    # nodes). Reference counting still frees what is dropped. The process is ours: this is
    # not done for library callers.
    gc.disable()
    status = main()
    # Leave without freeing, one by one, the millions of objects of the plan still held
    # (keep_until_exit): a second or more at a million nodes, for a process about to end.
    # Every file written is closed by now; only the standard streams may hold output.
    try:
        sys.stdout.flush()
    except OSError as exc:
        if _closed_pipe(exc):  # the reader went away (| head): nothing more to say
            _discard_stdout()
        else:
            err_console().print(f"cascade: error: cannot write standard output: {exc.strerror or exc}", markup=False)
            status = 2
    with contextlib.suppress(OSError):  # nowhere left to say anything
        sys.stderr.flush()
    os._exit(status)


def _discard_stdout() -> None:
    """Point stdout at the null device, so that nothing else tries to flush into the closed pipe."""
    # As Python's documentation advises for SIGPIPE; os._exit skips the final flush today,
    # this keeps a later change from bringing the error back.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


__all__ = ["__version__", "app", "main", "run"]
