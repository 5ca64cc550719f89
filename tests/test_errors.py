"""cascade.errors: every exception a caller of the library can get is a CascadeError, is a
name of ``cascade``, is documented in docs/api.md, and is raised where the page says."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import cascade
from cascade.cli.app import CliError
from cascade.read.revision import load_plan_argument
from cascade.rendering.diagram import to_dot, to_json, to_mermaid
from cascade.rendering.jinja_env import TemplateUnreadable, environment
from cascade.starters import init
from tests.conftest import AS_OF, NORTHWIND

API = Path(__file__).parent.parent / "docs" / "api.md"

PUBLIC = [
    name
    for name in cascade.__all__
    if isinstance(getattr(cascade, name), type) and issubclass(getattr(cascade, name), BaseException)
]

INTERNAL = {
    "cascade.cli.app.CliError": "the command line's own: main prints it in one line and returns its status",
    "cascade.rendering.jinja_env.TemplateUnreadable": "render reports it as a RenderError naming the path",
    "cascade.read.safe_files.Refused": "the reader reports it as a finding (CAS008)",
    "cascade.read.safe_files.TooBig": "a Refused: the reader reports it as a finding (CAS008)",
    "cascade.read.roster.RosterUnreadable": "the reader reports it as a finding (CAS001)",
}
"""Exceptions raised and caught inside cascade: no public function lets them out."""


def defined_exceptions() -> dict[str, type[BaseException]]:
    """Every public exception class a module of cascade defines (warnings are no errors)."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(cascade.__path__, "cascade."):
        for name, value in vars(importlib.import_module(info.name)).items():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and not issubclass(value, Warning)
                and value.__module__ == info.name
                and not name.startswith("_")
            ):
                found[f"{info.name}.{name}"] = value
    return found


def test_the_errors_are_the_ones_expected() -> None:
    assert set(PUBLIC) == {
        "CascadeError",
        "PdfUnavailable",
        "PlanError",
        "RenderError",
        "RevisionError",
        "SeedError",
        "UnknownNode",
    }


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_error_is_a_cascade_error(name: str) -> None:
    assert issubclass(getattr(cascade, name), cascade.CascadeError)


def test_every_exception_cascade_defines_is_public_or_stays_inside() -> None:
    public = {getattr(cascade, name) for name in PUBLIC}
    defined = defined_exceptions()
    undecided = {where for where, error in defined.items() if error not in public and where not in INTERNAL}
    assert undecided == set(), "export these from cascade (and document them), or list them in INTERNAL"
    assert set(INTERNAL) <= set(defined), "INTERNAL names an exception that is gone"


def test_the_errors_of_the_command_line_and_the_templates_are_cascade_errors_too() -> None:
    assert issubclass(CliError, cascade.CascadeError)
    assert issubclass(TemplateUnreadable, cascade.CascadeError)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_error_is_in_the_errors_table(name: str) -> None:
    section = API.read_text(encoding="utf-8").split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `cascade\.(\w+)` \|", section, flags=re.MULTILINE)
    assert name in rows


# -- raised where docs/api.md says ---------------------------------------------------------


def test_a_plan_that_cannot_be_checked_is_a_plan_error() -> None:
    with pytest.raises(cascade.PlanError) as caught:
        cascade.loads("cascade: 1\nplan: [oops", name="broken.yaml")
    assert caught.value.diagnostics[0].code == "CAS001"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"formats": ["docx"]}, "unknown format docx"),
        ({"people": ["nobody"]}, "no person 'nobody'"),
        ({"paper": "a5"}, "unknown paper 'a5'"),
    ],
)
def test_what_render_refuses_is_a_render_error(tmp_path: Path, options: dict[str, object], words: str) -> None:
    with pytest.raises(cascade.RenderError, match=words):
        cascade.render(cascade.load(NORTHWIND), tmp_path, as_of=AS_OF, **options)  # type: ignore[arg-type]


def test_a_template_that_cannot_be_read_is_a_render_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "brief.md.j2").mkdir(parents=True)
    with pytest.raises(cascade.RenderError, match="cannot read template"):
        cascade.render(cascade.load(NORTHWIND), tmp_path / "out", formats=["md"], templates=templates, as_of=AS_OF)
    with pytest.raises(TemplateUnreadable):  # what render turned into a RenderError
        environment(templates).get_template("brief.md.j2")


def test_pdf_without_weasyprint_is_pdf_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes `import weasyprint` raise ImportError
    with pytest.raises(cascade.PdfUnavailable, match=r"cascade\[pdf\]") as caught:
        cascade.render(cascade.load(NORTHWIND), tmp_path, formats=["pdf"], people=["priya"], as_of=AS_OF)
    assert not isinstance(caught.value, cascade.RenderError)


def test_a_plan_argument_that_does_not_exist_is_a_revision_error(tmp_path: Path) -> None:
    with pytest.raises(cascade.RevisionError, match="no such file or directory"):
        load_plan_argument(str(tmp_path / "nothere.yaml"))


def test_a_revision_outside_a_repository_is_a_revision_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    with pytest.raises(cascade.RevisionError):
        load_plan_argument("HEAD:plan.yaml")


def test_an_unreadable_plan_at_a_path_is_a_plan_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("cascade: 1\nplan: [oops", encoding="utf-8")
    with pytest.raises(cascade.PlanError):
        load_plan_argument(str(broken))


def test_what_init_refuses_is_a_seed_error(tmp_path: Path) -> None:
    with pytest.raises(cascade.SeedError, match="no seed 'nope'"):
        init(tmp_path, "nope")
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(cascade.SeedError, match="not a folder"):
        init(tmp_path / "file")
    init(tmp_path / "plan")
    with pytest.raises(cascade.SeedError, match="nothing was written"):
        init(tmp_path / "plan")


@pytest.mark.parametrize("draw", [to_mermaid, to_dot, to_json])
def test_a_root_that_is_no_node_is_unknown_node(draw: Callable[[cascade.Plan, str], str]) -> None:
    plan = cascade.load(NORTHWIND)
    with pytest.raises(cascade.UnknownNode) as caught:
        draw(plan, "nope")
    assert isinstance(caught.value, KeyError)
