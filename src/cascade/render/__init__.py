"""Render briefs: one file per person and format, and an index page, written atomically."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cascade._version import __version__
from cascade.atomic import write_bytes_atomic
from cascade.brief import Brief, brief
from cascade.diff import PlanDiff
from cascade.model import Person
from cascade.plan import Plan

from .pdf import PdfUnavailable

if TYPE_CHECKING:
    import jinja2

FORMATS = ("md", "html", "pdf", "ics")
Paper = Literal["a4", "letter"]
Progress = Callable[[int, int], None]


class RenderError(Exception):
    """A brief could not be rendered: a template fault, an unknown person, PDF unavailable."""


__all__ = ["FORMATS", "PdfUnavailable", "RenderError", "render", "render_brief"]


@dataclass(frozen=True)
class _Entry:
    name: str
    role: str | None
    href: str


@dataclass(frozen=True)
class _Group:
    name: str
    people: list[_Entry]


def render(
    plan: Plan,
    out: str | os.PathLike[str],
    *,
    formats: Iterable[str] = ("md", "html"),
    people: Sequence[str] | None = None,
    templates: str | os.PathLike[str] | None = None,
    paper: Paper = "a4",
    as_of: dt.date | None = None,
    progress: Progress | None = None,
    since: PlanDiff | None = None,
    since_label: str | None = None,
) -> list[Path]:
    """Write ``<person id>.<ext>`` for each person and format into ``out``; returns the files written.

    Each file is written to a temporary name and renamed, so an interrupted run leaves
    the previous briefs whole. With HTML, ``index.html`` links every brief.
    """
    wanted = list(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise RenderError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    if paper not in ("a4", "letter"):
        raise RenderError(f"unknown paper {paper!r}; use a4 or letter")
    ids = list(dict.fromkeys(people)) if people else list(plan.index.people)
    missing = [p for p in ids if p not in plan.index.people]
    if missing:
        raise RenderError(f"no person {', '.join(repr(m) for m in missing)} in the plan")
    from .env import environment  # Jinja2 and icalendar load only when briefs are rendered
    from .ics import calendar
    from .pdf import html_to_pdf

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    env = environment(Path(templates) if templates is not None else None)
    day = as_of or dt.date.today()
    written: list[Path] = []
    for done, person_id in enumerate(ids, 1):
        data = brief(plan, person_id, as_of=day, since=since, since_label=since_label)
        html: str | None = None
        for fmt in wanted:
            target = output_path(folder, person_id, fmt)
            if fmt == "md":
                content = _render(env, "brief.md.j2", brief=data, paper=paper, version=__version__).encode()
            elif fmt in {"html", "pdf"}:
                if html is None:
                    html = _render(env, "brief.html.j2", brief=data, paper=paper, version=__version__)
                content = html.encode() if fmt == "html" else html_to_pdf(html)
            else:
                content = calendar(plan, person_id, day)
            write_bytes_atomic(target, content)
            written.append(target)
        if progress is not None:
            progress(done, len(ids))
    if "html" in wanted:
        index = folder / "index.html"
        page = _render(env, "index.html.j2", **_index_context(plan, ids))
        write_bytes_atomic(index, page.encode())
        written.append(index)
    return written


def render_brief(data: Brief, fmt: Literal["md", "html"], *, paper: Paper = "a4", templates: Path | None = None) -> str:
    """One brief as Markdown or HTML text."""
    from .env import environment

    env = environment(templates)
    name = "brief.md.j2" if fmt == "md" else "brief.html.j2"
    return _render(env, name, brief=data, paper=paper, version=__version__)


def output_path(folder: Path, person_id: str, fmt: str) -> Path:
    """``folder/<id>.<fmt>``, refusing any name that would leave the folder."""
    name = f"{person_id}.{fmt}"
    if not person_id or person_id in (".", "..") or "/" in person_id or "\\" in person_id or "\0" in person_id:
        raise RenderError(f"refusing to write a brief for the id {person_id!r}: it is not a safe file name")
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise RenderError(f"refusing to write {name!r} outside {folder}")
    return target


def _render(env: jinja2.Environment, name: str, **context: object) -> str:
    import jinja2

    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name} not found") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"template {_failing_template(exc, name)}: {exc.message}") from None


def _failing_template(exc: BaseException, fallback: str) -> str:
    """The template (and line) an error stands in: Jinja maps template lines into the traceback,
    so the innermost frame of a template file is the place, even inside an included template."""
    where = fallback
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".css")):
            where = f"{os.path.basename(filename)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _index_context(plan: Plan, ids: Sequence[str]) -> dict[str, object]:
    people = plan.index.people
    org = plan.organisation
    chosen = set(ids)
    groups: list[_Group] = []
    placed: set[str] = set()
    for team in plan.index.teams.values():
        members = [m for m in ([team.lead] if team.lead else []) + org.team_members(team) if m in chosen]
        members = list(dict.fromkeys(members))
        if members:
            groups.append(_Group(team.name, [_entry(people[m]) for m in members if m in people]))
            placed.update(members)
    rest = [p for p in ids if p not in placed]
    if rest:
        groups.append(_Group("Everyone else" if groups else "Everyone", [_entry(people[p]) for p in rest]))
    header = plan.plan
    return {"plan_name": header.name, "period_start": header.start, "period_end": header.end, "groups": groups}


def _entry(person: Person) -> _Entry:
    return _Entry(person.name, person.role, f"{person.id}.html")
