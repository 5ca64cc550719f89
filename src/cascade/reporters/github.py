"""GitHub Actions workflow commands, one per diagnostic, so each fault annotates its line in a pull request.

The escaping follows the Actions toolkit (``@actions/core``, ``command.ts``): the runner decodes
exactly these sequences, so anything else would either show up literally or cut the command short.
"""

from __future__ import annotations

from cascade.diagnostics import Diagnostic, Report, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message: a raw newline would end the command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value: ``:`` and ``,`` also delimit the property list."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(diagnostic: Diagnostic) -> str:
    """The one workflow command for ``diagnostic``; line and col only when known."""
    props = [("file", diagnostic.file)]
    if diagnostic.line:
        props.append(("line", str(diagnostic.line)))
        if diagnostic.column:
            props.append(("col", str(diagnostic.column)))
    props.append(("title", diagnostic.code))
    name = _COMMAND.get(diagnostic.severity, "notice")
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{name} {listed}::{escape_data(diagnostic.message)}"


def render(report: Report) -> str:
    return "".join(command(d) + "\n" for d in report.diagnostics)
