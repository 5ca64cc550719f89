"""``cascade diff OLD NEW``: what changed between two plans, per person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cascade.cli import options
from cascade.cli.app import CliError, command, out_console
from cascade.cli.options import DiffFormat
from cascade.formats import DIFF_FORMATS, one_of

if TYPE_CHECKING:
    from cascade.plan_diff import PlanChange, PlanDiff

_TEXT = DiffFormat("text")


@command("diff", "cascade diff HEAD~1:plan.yaml plan.yaml --person ana")
def diff_command(
    old: Annotated[str, typer.Argument(help="The earlier plan: a path, or REV:PATH in git.", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="The later plan: a path, or REV:PATH.", metavar="NEW")],
    person: Annotated[
        list[str] | None, typer.Option("--person", "-p", help="Only what changed for this person.")
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help=f"{one_of(DIFF_FORMATS)}.")] = _TEXT,
) -> int:
    """Show what changed between two plans, grouped by the person it concerns."""
    from cascade.plan_diff import diff

    before, after = options.load_plan(old), options.load_plan(new)
    changes = diff(before, after)
    wanted = list(person or [])
    unknown = [p for p in wanted if p not in changes.people]
    if unknown:
        raise CliError(f"--person: {', '.join(unknown)} is in neither plan")
    grouped = {p: c for p, c in changes.by_person().items() if not wanted or p in wanted}
    selected = [c for c in changes.changes if not wanted or set(wanted) & set(c.people)]
    console = out_console()
    if format == "json":
        payload = {
            "old": old,
            "new": new,
            "changes": [c.model_dump(mode="json") for c in selected],
            "people": {p: [_key(c) for c in items] for p, items in grouped.items()},
        }
        import json

        console.file.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    nobody = f"No changes for {', '.join(changes.people[p] for p in wanted)}." if wanted else "No changes for anyone."
    body = _markdown(changes, grouped, old, new, nobody) if format == "md" else _text(changes, grouped, nobody)
    console.file.write(body)
    return 0


def _key(change: PlanChange) -> str:
    return f"{change.kind.value}:{change.id}"


def _text(changes: PlanDiff, grouped: dict[str, list[PlanChange]], nobody: str) -> str:
    if not grouped:
        return nobody + "\n"
    lines: list[str] = []
    for person_id, items in grouped.items():
        lines.append(f"{changes.people.get(person_id, person_id)} ({person_id})")
        lines += [f"  {c.summary}" for c in items]
    return "\n".join(lines) + "\n"


def _markdown(changes: PlanDiff, grouped: dict[str, list[PlanChange]], old: str, new: str, nobody: str) -> str:
    from cascade.rendering.markdown import md_escape

    lines = [f"# What changed from {md_escape(old)} to {md_escape(new)}", ""]
    if not grouped:
        lines.append(nobody)
    for person_id, items in grouped.items():
        lines += [f"## {md_escape(changes.people.get(person_id, person_id))}", ""]
        lines += [f"- {md_escape(c.summary)}" for c in items]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
